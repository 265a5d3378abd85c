package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.TokenId;
import java.sql.Connection;

/**
 * How one node tells the others that a token was revoked, so that they drop it from their {@link TokenLookupCache}
 * before its time-to-live runs out.
 */
interface RevocationChannel {

    /**
     * Announces a revocation on the connection of the transaction that records it, so that the announcement is
     * delivered if and only if the revocation commits.
     */
    void announce(Connection transaction, TokenId revoked);
}
