package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Stores OAuth 2.0 clients in the {@code oauth_client} table. A client authenticates every introspection it asks
 * for, so clients found by id come from memory while the lease holds. Nothing changes a client after registration
 * yet; a change to one must be announced in the change log as account changes are (ADR 10).
 */
@Singleton
@TranslatesStoreFailures
public class OAuthClientPersistenceAdapter implements LoadClientPort, SaveClientPort {

    private final OAuthClientRepository repository;
    private final PersistenceCaches caches;

    OAuthClientPersistenceAdapter(OAuthClientRepository repository, PersistenceCaches caches) {
        this.repository = repository;
        this.caches = caches;
    }

    @Override
    public Optional<OAuthClient> loadById(ClientId id) {
        return caches.clients.get(id.value(), uncached -> repository.findById(uncached).map(OAuthClientRow::toDomain));
    }

    @Override
    public SaveOutcome saveNew(OAuthClient client) {
        try {
            repository.save(OAuthClientRow.fromDomain(client));
            return SaveOutcome.SAVED;
        } catch (DataAccessException failure) {
            if (UniqueViolation.isCauseOf(failure)) {
                return SaveOutcome.CLIENT_ID_TAKEN;
            }
            throw failure;
        }
    }
}
