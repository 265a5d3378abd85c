package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.TokenId;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.sql.Connection;

/**
 * For a store no other node shares (H2), or a PostgreSQL-compatible engine without LISTEN/NOTIFY: nothing to tell,
 * and other nodes' caches, if any, are bounded by their time-to-live alone.
 */
@Singleton
@Secondary
final class NoRevocationChannel implements RevocationChannel {

    @Override
    public void announce(Connection transaction, TokenId revoked) {
        // The revoking node invalidates its own cache; there is no one else to tell.
    }
}
