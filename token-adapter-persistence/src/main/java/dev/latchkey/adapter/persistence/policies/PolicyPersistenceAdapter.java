package dev.latchkey.adapter.persistence.policies;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.changelog.Change;
import dev.latchkey.adapter.persistence.changelog.ChangeLog;
import dev.latchkey.adapter.persistence.changelog.PersistenceCaches;
import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.application.port.out.SavePolicyPort;
import dev.latchkey.domain.TokenPolicy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stores issuance policies in {@code token_policy}. Every issue reads the governing policy, so it is answered from
 * memory while the lease holds, and a change is announced in the change log like any other (ADR 10).
 */
@Singleton
@TranslatesStoreFailures
class PolicyPersistenceAdapter implements LoadPolicyPort, SavePolicyPort {

    private final PolicyRepository repository;
    private final PersistenceCaches caches;
    private final ChangeLog changeLog;
    private final JdbcTransactions writes;
    // Housekeeping, not business time: when a row was last written.
    private final Clock clock = Clock.systemUTC();

    PolicyPersistenceAdapter(PolicyRepository repository, PersistenceCaches caches, ChangeLog changeLog,
                             JdbcTransactions writes) {
        this.repository = repository;
        this.caches = caches;
        this.changeLog = changeLog;
        this.writes = writes;
    }

    @Override
    public Optional<TokenPolicy> load(Scope scope) {
        return caches.policies.get(PolicyRow.key(scope),
                key -> repository.findById(key).map(PolicyRow::toDomain));
    }

    @Override
    public Map<Scope, TokenPolicy> loadAll() {
        Map<Scope, TokenPolicy> all = new LinkedHashMap<>();
        repository.findAllByScope().forEach(row -> all.put(PolicyRow.scopeOf(row.scope()), row.toDomain()));
        return all;
    }

    @Override
    public void save(Scope scope, TokenPolicy policy) {
        writes.write(() -> {
            PolicyRow row = PolicyRow.fromDomain(scope, policy, clock.instant());
            if (repository.existsById(row.scope())) {
                repository.update(row);
            } else {
                repository.save(row);
            }
            changeLog.append(new Change.Subject(Change.Kind.POLICY, row.scope()));
            return null;
        });
    }

    @Override
    public boolean remove(Scope scope) {
        return writes.write(() -> {
            String key = PolicyRow.key(scope);
            boolean removed = repository.deleteById(key) > 0;
            if (removed) {
                changeLog.append(new Change.Subject(Change.Kind.POLICY, key));
            }
            return removed;
        });
    }
}
