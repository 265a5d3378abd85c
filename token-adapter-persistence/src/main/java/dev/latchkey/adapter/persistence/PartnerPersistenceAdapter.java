package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Partners in the {@code partner} table. */
@Singleton
public class PartnerPersistenceAdapter implements LoadPartnerPort, SavePartnerPort {

    private final PartnerRepository repository;

    PartnerPersistenceAdapter(PartnerRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Partner> loadById(PartnerId id) {
        return repository.findById(id.value()).map(PartnerRow::toDomain);
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
        repository.update(PartnerRow.fromDomain(partner));
    }
}
