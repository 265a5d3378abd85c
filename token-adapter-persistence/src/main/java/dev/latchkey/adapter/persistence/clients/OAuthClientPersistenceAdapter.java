package dev.latchkey.adapter.persistence.clients;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.UniqueViolation;
import dev.latchkey.adapter.persistence.changelog.Change;
import dev.latchkey.adapter.persistence.changelog.ChangeLog;
import dev.latchkey.adapter.persistence.changelog.PersistenceCaches;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.SignInSettings;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Stores OAuth 2.0 clients in the {@code oauth_client} table. A client authenticates every introspection it asks
 * for, so clients found by id come from memory while the lease holds. Nothing changes a client after registration
 * but whether it is enabled and its secrets, and those changes are announced in the change log as account changes are
 * (ADR 10).
 */
@Singleton
@TranslatesStoreFailures
class OAuthClientPersistenceAdapter implements LoadClientPort, SaveClientPort {

    private final OAuthClientRepository repository;
    private final PersistenceCaches caches;
    private final ChangeLog changeLog;
    private final JdbcTransactions writes;

    OAuthClientPersistenceAdapter(OAuthClientRepository repository, PersistenceCaches caches, ChangeLog changeLog,
                                  JdbcTransactions writes) {
        this.repository = repository;
        this.caches = caches;
        this.changeLog = changeLog;
        this.writes = writes;
    }

    @Override
    public List<OAuthClient> listAll() {
        return repository.findAllInOrder().stream().map(OAuthClientRow::toDomain).toList();
    }

    @Override
    public void updateEnabled(ClientId id, boolean enabled) {
        writes.write(() -> {
            if (repository.updateEnabled(id.value(), enabled) > 0) {
                changeLog.append(new Change.Subject(Change.Kind.CLIENT, id.value()));
            }
            return null;
        });
    }

    @Override
    public void updateSignIn(ClientId id, SignInSettings settings) {
        writes.write(() -> {
            if (repository.updateSignIn(id.value(), OAuthClientRow.redirectUrisColumn(settings),
                    settings.pushedRequestsRequired(), settings.consentSkipped()) > 0) {
                changeLog.append(new Change.Subject(Change.Kind.CLIENT, id.value()));
            }
            return null;
        });
    }

    @Override
    public void updateKeys(ClientId id, KeySettings settings) {
        writes.write(() -> {
            if (repository.updateKeys(id.value(), OAuthClientRow.jwksColumn(settings),
                    OAuthClientRow.jwksUriColumn(settings), settings.dpopBoundAccessTokens()) > 0) {
                changeLog.append(new Change.Subject(Change.Kind.CLIENT, id.value()));
            }
            return null;
        });
    }

    @Override
    public Optional<OAuthClient> lockById(ClientId id) {
        return repository.findByIdForUpdate(id.value()).map(OAuthClientRow::toDomain);
    }

    @Override
    public void updateSecrets(OAuthClient client) {
        OAuthClientRow row = OAuthClientRow.fromDomain(client);
        writes.write(() -> {
            if (repository.updateSecrets(row.id(), row.secretHash(), row.retiringSecretHash(),
                    row.retiringSecretUntil()) > 0) {
                changeLog.append(new Change.Subject(Change.Kind.CLIENT, row.id()));
            }
            return null;
        });
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
