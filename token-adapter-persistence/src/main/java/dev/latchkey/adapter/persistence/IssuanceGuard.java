package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.SaveTokenPort.SaveOutcome;
import dev.latchkey.domain.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 *   <li>a count of active personal tokens is taken under a lock on the owner's account row, which every such insert
 *   takes first: two inserts for one account cannot both count the same number;</li>
 *   <li>a delegator's row is read {@code FOR UPDATE}: a revocation of it either committed first, and is seen here, or
 *   waits for this insert to commit, and then finds the new delegate in its cascade.</li>
 * </ul>
 * Rows are locked in one order, accounts then tokens each by id, so that two batches never wait on each other.
 */
final class IssuanceGuard {

    private static final String LOCK_ACCOUNT = "SELECT id FROM account WHERE id = ? FOR UPDATE";
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

        boolean needsCheck() {
            return activePersonalLimit.isPresent() || token.delegator().isPresent();
        }
    }

    private IssuanceGuard() {
    }

    /**
     * Decides each candidate in order, as if each were inserted before the next is checked: a candidate admitted
     * counts against the limit of those after it. Nothing is inserted here.
     */
    static List<SaveOutcome> decide(Connection connection, List<Candidate> candidates) throws SQLException {
        if (candidates.stream().noneMatch(Candidate::needsCheck)) {
            return candidates.stream().map(candidate -> SaveOutcome.SAVED).toList();
        }
        List<UUID> owners = candidates.stream().filter(candidate -> candidate.activePersonalLimit().isPresent())
                .map(candidate -> candidate.token().owner().value()).distinct().sorted().toList();
        for (UUID owner : owners) {
            lockAccount(connection, owner);
        }
        Map<UUID, Optional<Token>> delegators = new HashMap<>();
        for (UUID delegator : candidates.stream().flatMap(candidate -> candidate.token().delegator().stream())
                .map(id -> id.value()).distinct().sorted(Comparator.naturalOrder()).toList()) {
            delegators.put(delegator, lockDelegator(connection, delegator));
        }
        Map<UUID, Long> active = new HashMap<>();
        return candidates.stream().map(candidate -> {
            Token token = candidate.token();
            Optional<Token> delegator = token.delegator().flatMap(id -> delegators.get(id.value()));
            if (token.delegator().isPresent() && !outlasts(delegator, token)) {
                return SaveOutcome.DELEGATOR_ENDED;
            }
            if (candidate.activePersonalLimit().isPresent() && token.kind() == dev.latchkey.domain.TokenKind.PERSONAL) {
                long held = active.computeIfAbsent(token.owner().value(), owner -> countActivePersonal(connection,
                        owner, token.createdAt(), candidate.activePersonalLimit().getAsInt()));
                if (held >= candidate.activePersonalLimit().getAsInt()) {
                    return SaveOutcome.ACTIVE_LIMIT_REACHED;
                }
                active.put(token.owner().value(), held + 1);
            }
            return SaveOutcome.SAVED;
        }).toList();
    }

    /** Whether the delegator, as stored now, is active and lasts at least as long as the delegate. */
    private static boolean outlasts(Optional<Token> delegator, Token delegate) {
        return delegator.filter(found -> found.isActiveAt(delegate.createdAt()))
                .filter(found -> found.delegate(delegate.scopes(), delegate.expiry()) instanceof Token.Delegation.Permitted)
                .isPresent();
    }

    private static void lockAccount(Connection connection, UUID owner) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_ACCOUNT)) {
            lock.setObject(1, owner);
            try (ResultSet ignored = lock.executeQuery()) {
                // Holding the lock until the transaction ends is the point; the row itself is not needed.
            }
        }
    }

    private static Optional<Token> lockDelegator(Connection connection, UUID delegator) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_DELEGATOR)) {
            lock.setObject(1, delegator);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next() ? Optional.of(MatchingTokens.row(rows).toDomain()) : Optional.empty();
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
