package dev.latchkey.adapter.persistence.sessions;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.SignInSession;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * Sign-in sessions in {@code sign_in_session}, read from the store on every console request and never cached: a
 * sign-out on one node must hold on the next request to any other. The token check never reads them.
 */
@Singleton
@TranslatesStoreFailures
class SignInSessionPersistenceAdapter implements SignInSessionPort {

    private final SignInSessionRepository repository;
    private final JdbcTransactions writes;

    SignInSessionPersistenceAdapter(SignInSessionRepository repository, JdbcTransactions writes) {
        this.repository = repository;
        this.writes = writes;
    }

    @Override
    public void save(SignInSession session) {
        writes.write(() -> repository.save(SignInSessionRow.of(session)));
    }

    @Override
    public Optional<SignInSession> find(SecretHash id) {
        return repository.findById(id.toHex()).map(SignInSessionRow::toDomain);
    }

    @Override
    public void recordSeen(SecretHash id, Instant at) {
        writes.write(() -> repository.recordSeen(id.toHex(), at));
    }

    @Override
    public void end(SecretHash id) {
        writes.write(() -> repository.delete(id.toHex()));
    }

    @Override
    public int endAllOf(AccountId account) {
        return writes.write(() -> Math.toIntExact(repository.deleteByAccount(account.value())));
    }
}
