package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.OnEveryTokenCheck;
import dev.latchkey.adapter.persistence.StoreFailures;
import dev.latchkey.adapter.persistence.StoreMetrics;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.changelog.Change;
import dev.latchkey.adapter.persistence.changelog.ChangeLog;
import dev.latchkey.adapter.persistence.changelog.PersistenceCaches;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.application.port.out.SaveTokenPort.SaveOutcome;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.TokenId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Stores tokens in the {@code token} table and answers lookups from memory while this node's lease holds (ADR 10).
 *
 * <p>Every write that can end a token's validity (a revocation, a refresh token's consumption) appends the
 * token it changed to the change log in its own transaction, and returns only
 * once a lease has passed since it committed: from then on, no node answers with the old state. Uses are recorded
 * in memory and written in batches ({@link TokenUses}); they decide nothing. New tokens share commits
 * ({@link TokenInserts}).
 */
@Singleton
class TokenPersistenceAdapter implements LoadTokenPort, SaveTokenPort, UpdateTokenStatePort {

    private final TokenRepository repository;
    private final PersistenceCaches caches;
    private final TokenUses uses;
    private final ChangeLog changeLog;
    private final JdbcTransactions writes;
    private final TokenInserts inserts;
    private final MatchingTokens matching;
    private final StoreMetrics metrics;
    private final TransactionOperations<Connection> transactions;

    TokenPersistenceAdapter(TokenRepository repository, PersistenceCaches caches, TokenUses uses, ChangeLog changeLog,
                            JdbcTransactions writes, TokenInserts inserts,
                            MatchingTokens matching, StoreMetrics metrics,
                            TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.metrics = metrics;
        this.repository = repository;
        this.caches = caches;
        this.uses = uses;
        this.changeLog = changeLog;
        this.writes = writes;
        this.inserts = inserts;
        this.matching = matching;
    }

    @Override
    @OnEveryTokenCheck
    public Optional<Token> loadById(TokenId id) {
        try {
            return cachedById(id.value());
        } catch (RuntimeException failure) {
            throw StoreFailures.translated(failure);
        }
    }

    private Optional<Token> cachedById(UUID id) {
        return caches.tokens.get(id, this::read).map(this::withPendingUse);
    }

    @Override
    @OnEveryTokenCheck
    public Optional<Token> loadBySecretHash(SecretHash hash) {
        try {
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
            return cachedById(id);
        } catch (RuntimeException failure) {
            throw StoreFailures.translated(failure);
        }
    }

    @Override
    @TranslatesStoreFailures
    public List<Token> loadOwnedBy(AccountId owner, long offset, int limit) {
        return repository.findOwnedBy(owner.value(), limit, offset).stream()
                .map(TokenRow::toDomain).map(this::withPendingUse).toList();
    }

    @Override
    @TranslatesStoreFailures
    public long countOwnedBy(AccountId owner) {
        return repository.countByOwnerId(owner.value());
    }

    /**
     * One query narrows by the filter as the domain defines it ({@link TokenFilter#matches}), written again in SQL so
     * that the database selects and counts; each token read is checked by the domain once more, with any use still
     * pending in memory, so that what is returned matches exactly.
     */
    @Override
    @TranslatesStoreFailures
    public List<Token> loadMatching(Optional<AccountId> owner, TokenFilter filter, Instant now, long offset,
                                    int limit) {
        MemoryOnly.mayWait();
        return matching.find(owner, filter, now, offset, limit).stream().map(this::withPendingUse)
                .filter(token -> filter.matches(token, now)).toList();
    }

    @Override
    @TranslatesStoreFailures
    public long countMatching(Optional<AccountId> owner, TokenFilter filter, Instant now) {
        MemoryOnly.mayWait();
        return matching.count(owner, filter, now);
    }

    /**
     * Durable when this returns {@code SAVED}, the token and its audit entry both: in the caller's transaction if
     * there is one, else in a shared group commit; either way checked by the {@link IssuanceGuard} in that
     * transaction.
     */
    @Override
    @TranslatesStoreFailures
    public SaveOutcome saveNew(Token token, AuditEvent issued, OptionalInt activePersonalLimit) {
        MemoryOnly.mayWait();
        SaveOutcome outcome = writes.inTransaction()
                ? transactions.executeWrite(status -> TokenInserts.insertGuarded(status.getConnection(),
                        List.of(new IssuanceGuard.Candidate(token, activePersonalLimit)), List.of(issued))).get(0)
                : inserts.insert(token, issued, activePersonalLimit);
        if (outcome == SaveOutcome.SAVED) {
            metrics.counted(issued);
        }
        return outcome;
    }

    /** Records in memory only; {@link TokenUses} writes the uses in batches, in its own transactions. */
    @Override
    @OnEveryTokenCheck
    public void recordUse(TokenId id, Instant usedAt) {
        uses.record(id.value(), usedAt);
    }

    /** A compare-and-set: which revocation stands is the domain's decision, made on what the caller read. */
    @Override
    @TranslatesStoreFailures
    public RevocationWrite recordRevocation(TokenId id, Optional<Revocation> replacing, Revocation revocation) {
        return writes.write(() -> {
            String reason = revocation.reason().name();
            long written = replacing.isEmpty()
                    ? repository.recordFirstRevocation(id.value(), revocation.at(), reason)
                    : repository.replaceRevocation(id.value(), replacing.get().at(), replacing.get().reason().name(),
                    revocation.at(), reason);
            if (written == 0) {
                return new RevocationWrite.ChangedMeanwhile(
                        repository.findById(id.value()).map(TokenRow::toDomain).flatMap(Token::revocation));
            }
            changeLog.append(Change.Subject.token(id.value()));
            return new RevocationWrite.Recorded();
        });
    }

    @Override
    @TranslatesStoreFailures
    public List<Token> loadRevocable(LoadTokenPort.Selection selection, Instant at) {
        MemoryOnly.mayWait();
        List<TokenRow> rows;
        if (selection instanceof LoadTokenPort.Selection.OfGrant grant) {
            rows = repository.findRevocableOfGrant(grant.grant().value(), at);
        } else if (selection instanceof LoadTokenPort.Selection.IssuedTo client) {
            rows = repository.findRevocableOfClient(client.client().value(), at);
        } else if (selection instanceof LoadTokenPort.Selection.DelegatesOf delegates) {
            rows = repository.findRevocableDelegatesOf(delegates.delegator().value(), at);
        } else if (selection instanceof LoadTokenPort.Selection.OwnedBy owner) {
            rows = repository.findRevocableOwnedBy(owner.owner().value(), at);
        } else {
            LoadTokenPort.Selection.PersonalDescribed described = (LoadTokenPort.Selection.PersonalDescribed) selection;
            rows = repository.findRevocablePersonalDescribed(described.owner().value(),
                    described.description().value(), at);
        }
        return rows.stream().map(TokenRow::toDomain).toList();
    }

    @Override
    @TranslatesStoreFailures
    public ConsumptionWrite recordConsumption(TokenId id, Instant consumedAt) {
        return writes.write(() -> {
            if (repository.recordConsumption(id.value(), consumedAt) == 0) {
                return ConsumptionWrite.NOT_CONSUMABLE;
            }
            changeLog.append(Change.Subject.token(id.value()));
            return ConsumptionWrite.CONSUMED;
        });
    }

    private Optional<Token> read(UUID id) {
        return repository.findById(id).map(TokenRow::toDomain);
    }

    private Token withPendingUse(Token token) {
        return uses.pendingFor(token.id().value()).map(usedAt -> TokenUses.withUse(token, usedAt)).orElse(token);
    }
}
