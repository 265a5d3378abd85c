package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores tokens in the {@code token} table, one statement per method, so each is its own transaction.
 *
 * <p>Lookups by secret, one per authenticated request, go through a {@link TokenLookupCache}. The cache cannot make
 * a revoked token usable: every use is recorded with a write conditional on the token not being revoked
 * ({@link #recordUse}), which sees every committed revocation, whichever node made it.
 */
@Singleton
public class TokenPersistenceAdapter implements LoadTokenPort, SaveTokenPort, UpdateTokenStatePort {

    private final TokenRepository repository;
    private final TokenLookupCache cache;

    TokenPersistenceAdapter(TokenRepository repository, TokenLookupCache cache) {
        this.repository = repository;
        this.cache = cache;
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
    public UseWrite recordUse(TokenId id, Instant usedAt) {
        if (repository.recordUse(id.value(), usedAt) == 1) {
            return UseWrite.RECORDED;
        }
        cache.invalidate(id);
        return UseWrite.TOKEN_REVOKED;
    }

    @Override
    public RevocationWrite recordRevocation(TokenId id, Revocation revocation) {
        long updated = repository.recordRevocation(id.value(), revocation.at(), revocation.reason().name());
        cache.invalidate(id);
        return updated == 1 ? RevocationWrite.RECORDED : RevocationWrite.ALREADY_REVOKED;
    }

    @Override
    public int supersede(AccountId owner, TokenDescription description, Revocation revocation) {
        return Math.toIntExact(repository.supersede(owner.value(), description.value(), revocation.at(),
                revocation.reason().name()));
    }

    @Override
    public int revokeGrant(GrantId grant, Revocation revocation) {
        // The cache needs no help: the next use of any of these tokens is refused by recordUse, and dropped then.
        return Math.toIntExact(repository.revokeGrant(grant.value(), revocation.at(), revocation.reason().name()));
    }

    @Override
    public ConsumptionWrite recordConsumption(TokenId id, Instant consumedAt) {
        return repository.recordConsumption(id.value(), consumedAt) == 1
                ? ConsumptionWrite.CONSUMED : ConsumptionWrite.NOT_CONSUMABLE;
    }
}
