package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Stores OAuth 2.0 clients in the {@code oauth_client} table. */
@Singleton
public class OAuthClientPersistenceAdapter implements LoadClientPort, SaveClientPort {

    private final OAuthClientRepository repository;

    OAuthClientPersistenceAdapter(OAuthClientRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<OAuthClient> loadById(ClientId id) {
        return repository.findById(id.value()).map(OAuthClientRow::toDomain);
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
