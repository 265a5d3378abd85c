package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores tokens in the {@code token} table. Lookups by secret, the one on every authenticated request, go through a
 * {@link TokenLookupCache}; a revocation commits together with its announcement to the other nodes, and only then
 * leaves this node's cache.
 */
@Singleton
public class TokenPersistenceAdapter implements LoadTokenPort, SaveTokenPort, UpdateTokenStatePort {

    private final TokenRepository repository;
    private final TokenLookupCache cache;
    private final RevocationChannel revocations;
    private final TransactionOperations<Connection> transactions;

    TokenPersistenceAdapter(TokenRepository repository, TokenLookupCache cache, RevocationChannel revocations,
                            TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.cache = cache;
        this.revocations = revocations;
        this.transactions = transactions;
    }

    @Override
    public Optional<Token> loadById(TokenId id) {
        return repository.findById(id.value()).map(TokenRow::toDomain);
    }

    @Override
    public Optional<Token> loadBySecretHash(SecretHash hash) {
        return cache.get(hash, uncached -> repository.findBySecretHash(uncached.toHex()).map(TokenRow::toDomain));
    }

    @Override
    public List<Token> loadOwnedBy(AccountId owner, long offset, int limit) {
        return repository.findOwnedBy(owner.value(), limit, offset).stream().map(TokenRow::toDomain).toList();
    }

    @Override
    public long countOwnedBy(AccountId owner) {
        return repository.countByOwnerId(owner.value());
    }

    @Override
    public void saveNew(Token token) {
        repository.save(TokenRow.fromDomain(token));
    }

    @Override
    public void recordUse(TokenId id, Instant usedAt) {
        repository.recordUse(id.value(), usedAt);
    }

    @Override
    public RevocationWrite recordRevocation(TokenId id, Revocation revocation) {
        RevocationWrite write = transactions.executeWrite(transaction -> {
            long updated = repository.recordRevocation(id.value(), revocation.at(), revocation.reason().name());
            if (updated == 0) {
                return RevocationWrite.ALREADY_REVOKED;
            }
            revocations.announce(transaction.getConnection(), id);
            return RevocationWrite.RECORDED;
        });
        // After the commit, never before: a lookup between the two would read the still-active row and cache it.
        cache.invalidate(id);
        return write;
    }
}
