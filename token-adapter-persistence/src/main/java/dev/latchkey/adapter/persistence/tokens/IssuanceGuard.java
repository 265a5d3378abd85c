package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.application.port.out.SaveTokenPort.SaveOutcome;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The conditions of {@link dev.latchkey.application.port.out.SaveTokenPort#saveNew} checked inside the inserting
 * transaction, with row locks, so that they hold for concurrent writers on every node:
 * <ul>
 *   <li>a count of active personal tokens is taken under a lock on the owner's account row, which every insert of a
 *   personal token takes first: two inserts for one account cannot both count the same number. The row keeps an
 *   upper bound on that count ({@code active_tokens_bound}, raised by each insert), so that tokens are counted only
 *   when the bound reaches the limit: an account far from its limit costs one locked read, not a count;</li>
 *   <li>a delegator's row is read {@code FOR UPDATE}: a revocation of it either committed first, and is seen here, or
 *   waits for this insert to commit, and then finds the new delegate in its cascade.</li>
 * </ul>
 * Rows are locked in one order, accounts then tokens each by id, so that two batches never wait on each other.
 */
final class IssuanceGuard {

    private static final String LOCK_ACCOUNT = "SELECT active_tokens_bound FROM account WHERE id = ? FOR UPDATE";
    private static final String STORE_BOUND = "UPDATE account SET active_tokens_bound = ? WHERE id = ?";
    /** Counts no further than the limit: whether the account is at it is all that is asked. */
    private static final String COUNT_ACTIVE_PERSONAL = "SELECT count(*) FROM (SELECT 1 FROM token WHERE owner_id = ? "
            + "AND kind = 'PERSONAL' AND consumed_at IS NULL AND (revoked_at IS NULL OR revoked_at > ?) "
            + "AND (expires_at IS NULL OR expires_at > ?) LIMIT ?) AS active";
    private static final String LOCK_DELEGATOR = "SELECT * FROM token WHERE id = ? FOR UPDATE";

    /** A token to insert and the limit on its owner's active personal tokens, if any. */
    record Candidate(Token token, OptionalInt activePersonalLimit) {
        Candidate {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(activePersonalLimit, "activePersonalLimit");
        }

        boolean isPersonal() {
            return token.kind() == TokenKind.PERSONAL;
        }

        boolean needsCheck() {
            return isPersonal() || token.delegator().isPresent();
        }
    }

    private IssuanceGuard() {
    }

    /**
     * Decides each candidate in order, as if each were inserted before the next is checked: a candidate admitted
     * counts against the limit of those after it. Nothing is inserted here; the accounts' bounds are stored as they
     * will be once the admitted tokens are.
     */
    static List<SaveOutcome> decide(Connection connection, List<Candidate> candidates) throws SQLException {
        if (candidates.stream().noneMatch(Candidate::needsCheck)) {
            return candidates.stream().map(candidate -> SaveOutcome.SAVED).toList();
        }
        Map<UUID, Optional<Long>> bounds = new HashMap<>();
        for (UUID owner : candidates.stream().filter(Candidate::isPersonal)
                .map(candidate -> candidate.token().owner().value()).distinct().sorted().toList()) {
            bounds.put(owner, lockAccount(connection, owner));
        }
        Map<UUID, Optional<Token>> delegators = new HashMap<>();
        for (UUID delegator : candidates.stream().flatMap(candidate -> candidate.token().delegator().stream())
                .map(TokenId::value).distinct().sorted(Comparator.naturalOrder()).toList()) {
            delegators.put(delegator, lockDelegator(connection, delegator));
        }
        // What this batch admitted so far: inserted only after every candidate is decided, so no count sees them.
        Map<UUID, Long> admitted = new HashMap<>();
        List<SaveOutcome> outcomes = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Token token = candidate.token();
            Optional<Token> delegator = token.delegator().flatMap(id -> delegators.get(id.value()));
            if (token.delegator().isPresent() && !outlasts(delegator, token)) {
                outcomes.add(SaveOutcome.DELEGATOR_ENDED);
                continue;
            }
            if (!candidate.isPersonal()) {
                outcomes.add(SaveOutcome.SAVED);
                continue;
            }
            UUID owner = token.owner().value();
            Optional<Long> bound = bounds.get(owner);
            if (candidate.activePersonalLimit().isPresent()) {
                int limit = candidate.activePersonalLimit().getAsInt();
                if (bound.isEmpty() || bound.get() >= limit) {
                    long active = countActivePersonal(connection, owner, token.createdAt(), limit)
                            + admitted.getOrDefault(owner, 0L);
                    // A count that stopped at the limit is no bound: more may be active than it says.
                    bound = active < limit ? Optional.of(active) : Optional.empty();
                    if (active >= limit) {
                        bounds.put(owner, bound);
                        outcomes.add(SaveOutcome.ACTIVE_LIMIT_REACHED);
                        continue;
                    }
                }
            }
            bounds.put(owner, bound.map(known -> known + 1));
            admitted.merge(owner, 1L, Long::sum);
            outcomes.add(SaveOutcome.SAVED);
        }
        for (Map.Entry<UUID, Optional<Long>> bound : bounds.entrySet()) {
            storeBound(connection, bound.getKey(), bound.getValue());
        }
        return outcomes;
    }

    /** Whether the delegator, as stored now, is active and lasts at least as long as the delegate. */
    private static boolean outlasts(Optional<Token> delegator, Token delegate) {
        return delegator.filter(found -> found.isActiveAt(delegate.createdAt()))
                .filter(found -> found.delegate(delegate.scopes(), delegate.expiry()) instanceof Token.Delegation.Permitted)
                .isPresent();
    }

    private static Optional<Long> lockAccount(Connection connection, UUID owner) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ACCOUNT)) {
            lock.setObject(1, owner);
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long bound = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of(bound);
            }
        }
    }

    private static void storeBound(Connection connection, UUID owner, Optional<Long> bound) throws SQLException {
        try (PreparedStatement store = connection.prepareStatement(STORE_BOUND)) {
            if (bound.isPresent()) {
                store.setLong(1, bound.get());
            } else {
                store.setNull(1, Types.INTEGER);
            }
            store.setObject(2, owner);
            store.executeUpdate();
        }
    }

    private static Optional<Token> lockDelegator(Connection connection, UUID delegator) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_DELEGATOR)) {
            lock.setObject(1, delegator);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next() ? Optional.of(TokenRows.token(rows)) : Optional.empty();
            }
        }
    }

    private static long countActivePersonal(Connection connection, UUID owner, Instant at, int limit) {
        try (PreparedStatement count = connection.prepareStatement(COUNT_ACTIVE_PERSONAL)) {
            OffsetDateTime moment = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
            count.setObject(1, owner);
            count.setObject(2, moment);
            count.setObject(3, moment);
            count.setInt(4, limit);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("could not count an account's active tokens", failure);
        }
    }
}
