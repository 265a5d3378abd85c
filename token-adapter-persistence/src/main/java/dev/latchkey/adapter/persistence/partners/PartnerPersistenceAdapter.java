package dev.latchkey.adapter.persistence.partners;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.UniqueViolation;
import dev.latchkey.adapter.persistence.changelog.Change;
import dev.latchkey.adapter.persistence.changelog.ChangeLog;
import dev.latchkey.adapter.persistence.changelog.PersistenceCaches;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Partners in the {@code partner} table. A partner found by id, once per check of a partner-scoped token, comes from
 * memory while the lease holds; a change to a partner is announced in the change log, since unsigning its
 * agreements ends its tokens' access (ADR 10).
 */
@Singleton
@TranslatesStoreFailures
class PartnerPersistenceAdapter implements LoadPartnerPort, SavePartnerPort {

    private final PartnerRepository repository;
    private final PersistenceCaches caches;
    private final ChangeLog changeLog;
    private final JdbcTransactions writes;

    PartnerPersistenceAdapter(PartnerRepository repository, PersistenceCaches caches, ChangeLog changeLog,
                              JdbcTransactions writes) {
        this.repository = repository;
        this.caches = caches;
        this.changeLog = changeLog;
        this.writes = writes;
    }

    @Override
    public List<Partner> loadAll() {
        return repository.findAllById().stream().map(PartnerRow::toDomain).toList();
    }

    @Override
    public Optional<Partner> loadById(PartnerId id) {
        return caches.partners.get(id.value(), uncached -> repository.findById(uncached).map(PartnerRow::toDomain));
    }

    @Override
    public SaveOutcome saveNew(Partner partner) {
        try {
            repository.save(PartnerRow.fromDomain(partner));
            return SaveOutcome.SAVED;
        } catch (DataAccessException failure) {
            if (UniqueViolation.isCauseOf(failure)) {
                return SaveOutcome.ID_TAKEN;
            }
            throw failure;
        }
    }

    @Override
    public void update(Partner partner) {
        writes.write(() -> {
            repository.update(PartnerRow.fromDomain(partner));
            changeLog.append(new Change.Subject(Change.Kind.PARTNER, String.valueOf(partner.id().value())));
            return null;
        });
    }
}
