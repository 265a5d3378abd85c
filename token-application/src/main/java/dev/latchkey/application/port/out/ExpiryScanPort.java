package dev.latchkey.application.port.out;

import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How far the expiry scan has come at each threshold, shared by every node (issue 25). A threshold's cursor is the
 * last token whose expiry it has passed, in (expiry, id) order; it only moves forward, and only under the lock a
 * transaction takes on it, so each token crosses each threshold once, on whichever node, across restarts.
 */
public interface ExpiryScanPort {

    /**
     * Makes the threshold's cursor, at {@code start}, unless one exists: the first scan of a threshold begins where
     * the threshold stands then, so tokens it has passed already are not warned late. Runs in its own transaction and
     * takes no lock; two nodes making the same cursor at once leave one.
     */
    void begin(Duration threshold, Instant start);

    /** Locks the threshold's cursor for the caller's transaction, waiting for a node that holds it, and reads it. */
    Cursor lock(Duration threshold);

    /**
     * The tokens after the cursor whose expiry is at or before {@code edge}, at most {@code limit}, in (expiry, id)
     * order: those the threshold has passed since the cursor was last moved.
     */
    List<Token> passedSince(Cursor cursor, Instant edge, int limit);

    /** Moves the locked cursor to the last token passed. */
    void moveTo(Duration threshold, Cursor cursor);

    /** A point in (expiry, id) order: after every token that expires sooner, or as soon with a smaller id. */
    record Cursor(Instant expiresAt, UUID tokenId) {
        /** Before every token that expires at {@code at}. */
        public static Cursor before(Instant at) {
            return new Cursor(at, new UUID(0, 0));
        }

        /** Just after this token. */
        public static Cursor after(Instant expiresAt, TokenId token) {
            return new Cursor(expiresAt, token.value());
        }

        public Cursor {
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }
}
