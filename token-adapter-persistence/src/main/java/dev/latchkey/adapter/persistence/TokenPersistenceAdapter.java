package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
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
import java.util.UUID;

/**
 * Stores tokens in the {@code token} table and answers lookups from memory while this node's lease holds (ADR 10).
 *
 * <p>Every write that can end a token's validity (a revocation, a grant's cascade, a supersession, a refresh
 * token's consumption) appends the tokens it changed to the change log in its own transaction, and returns only
 * once a lease has passed since it committed: from then on, no node answers with the old state. Uses are recorded
 * in memory and written in batches ({@link TokenUses}); they decide nothing. New tokens share commits
 * ({@link TokenInserts}).
 */
@Singleton
@TranslatesStoreFailures
public class TokenPersistenceAdapter implements LoadTokenPort, SaveTokenPort, UpdateTokenStatePort {

    private final TokenRepository repository;
    private final PersistenceCaches caches;
    private final TokenUses uses;
    private final ChangeLog changeLog;
    private final WriteTransactions writes;
    private final TokenInserts inserts;

    TokenPersistenceAdapter(TokenRepository repository, PersistenceCaches caches, TokenUses uses, ChangeLog changeLog,
                            WriteTransactions writes, TokenInserts inserts) {
        this.repository = repository;
        this.caches = caches;
        this.uses = uses;
        this.changeLog = changeLog;
        this.writes = writes;
        this.inserts = inserts;
    }

    @Override
    public Optional<Token> loadById(TokenId id) {
        return caches.tokens.get(id.value(), this::read).map(this::withPendingUse);
    }

    @Override
    public Optional<Token> loadBySecretHash(SecretHash hash) {
        UUID id = caches.tokenIdsBySecretHash.getIfPresent(hash);
        if (id == null) {
            MemoryOnly.mayWait();
            // Two reads on a miss: the token itself is read inside the cache's atomic load (see LeasedCache).
            Optional<UUID> found = repository.findIdBySecretHash(hash.toHex());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            id = found.get();
            caches.tokenIdsBySecretHash.put(hash, id);
        }
        return loadById(new TokenId(id));
    }

    @Override
    public List<Token> loadOwnedBy(AccountId owner, long offset, int limit) {
        return repository.findOwnedBy(owner.value(), limit, offset).stream()
                .map(TokenRow::toDomain).map(this::withPendingUse).toList();
    }

    @Override
    public long countOwnedBy(AccountId owner) {
        return repository.countByOwnerId(owner.value());
    }

    /** Durable when this returns: in the caller's transaction if there is one, else in a shared group commit. */
    @Override
    public void saveNew(Token token) {
        MemoryOnly.mayWait();
        TokenRow row = TokenRow.fromDomain(token);
        if (writes.inTransaction()) {
            repository.save(row);
        } else {
            inserts.insert(row);
        }
    }

    @Override
    public void recordUse(TokenId id, Instant usedAt) {
        uses.record(id.value(), usedAt);
    }

    @Override
    public RevocationWrite recordRevocation(TokenId id, Revocation revocation) {
        return writes.write(() -> {
            if (repository.recordRevocation(id.value(), revocation.at(), revocation.reason().name()) == 0) {
                return RevocationWrite.ALREADY_REVOKED;
            }
            changeLog.append(Change.Subject.token(id.value()));
            return RevocationWrite.RECORDED;
        });
    }

    @Override
    public int supersede(AccountId owner, TokenDescription description, Revocation revocation) {
        return writes.write(() -> {
            String reason = revocation.reason().name();
            long revoked = repository.supersede(owner.value(), description.value(), revocation.at(), reason);
            if (revoked > 0) {
                announce(repository.findIdsSuperseded(owner.value(), description.value(), revocation.at(), reason));
            }
            return Math.toIntExact(revoked);
        });
    }

    @Override
    public int revokeGrant(GrantId grant, Revocation revocation) {
        return revokeAll(revocation, reason -> repository.revokeGrant(grant.value(), revocation.at(), reason),
                reason -> repository.findIdsOfGrantRevoked(grant.value(), revocation.at(), reason));
    }

    @Override
    public int revokeClient(ClientId client, Revocation revocation) {
        return revokeAll(revocation, reason -> repository.revokeClient(client.value(), revocation.at(), reason),
                reason -> repository.findIdsOfClientRevoked(client.value(), revocation.at(), reason));
    }

    /** One statement revokes the tokens; then those it revoked are read back, in its transaction, and announced. */
    private int revokeAll(Revocation revocation, java.util.function.ToLongFunction<String> revoke,
                          java.util.function.Function<String, List<UUID>> revokedIds) {
        return writes.write(() -> {
            String reason = revocation.reason().name();
            long revoked = revoke.applyAsLong(reason);
            if (revoked > 0) {
                announce(revokedIds.apply(reason));
            }
            return Math.toIntExact(revoked);
        });
    }

    @Override
    public ConsumptionWrite recordConsumption(TokenId id, Instant consumedAt) {
        return writes.write(() -> {
            if (repository.recordConsumption(id.value(), consumedAt) == 0) {
                return ConsumptionWrite.NOT_CONSUMABLE;
            }
            changeLog.append(Change.Subject.token(id.value()));
            return ConsumptionWrite.CONSUMED;
        });
    }

    private void announce(List<UUID> tokens) {
        changeLog.append(tokens.stream().map(Change.Subject::token).toList());
    }

    private Optional<Token> read(UUID id) {
        return repository.findById(id).map(TokenRow::toDomain);
    }

    private Token withPendingUse(Token token) {
        return uses.pendingFor(token.id().value()).map(usedAt -> TokenUses.withUse(token, usedAt)).orElse(token);
    }
}
