package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.adapter.persistence.BackgroundWork;
import dev.latchkey.adapter.persistence.CacheSettings;
import dev.latchkey.adapter.persistence.changelog.PersistenceCaches;
import dev.latchkey.domain.Token;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last-use times, gathered in memory and written in one batched statement per flush interval (ADR 10). A use no
 * longer decides anything, so losing the last interval's times to a crash loses no token and no revocation. The
 * stored time only moves forward, whichever node flushes last.
 */
@Singleton
class TokenUses {

    private static final Logger LOG = LoggerFactory.getLogger(TokenUses.class);
    private static final String MOVE_FORWARD = "UPDATE token SET last_used_at = ? "
            + "WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";

    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final TransactionOperations<Connection> transactions;
    private final PersistenceCaches caches;
    private final ScheduledExecutorService flusher;

    TokenUses(TransactionOperations<Connection> transactions, PersistenceCaches caches, CacheSettings settings) {
        this.transactions = transactions;
        this.caches = caches;
        this.flusher = BackgroundWork.start("latchkey-usage-flush", settings.usageFlush(), settings.usageFlush(),
                this::flushQuietly);
    }

    void record(UUID token, Instant usedAt) {
        pending.merge(token, usedAt, TokenUses::later);
    }

    /** A use recorded here and not yet written. */
    Optional<Instant> pendingFor(UUID token) {
        return Optional.ofNullable(pending.get(token));
    }

    /** Writes every pending use in one transaction; returns how many tokens it moved forward or confirmed. */
    int flush() {
        Map<UUID, Instant> batch = new HashMap<>(pending);
        if (batch.isEmpty()) {
            return 0;
        }
        transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement(MOVE_FORWARD)) {
                for (Map.Entry<UUID, Instant> use : batch.entrySet()) {
                    OffsetDateTime at = OffsetDateTime.ofInstant(use.getValue(), ZoneOffset.UTC);
                    update.setObject(1, at);
                    update.setObject(2, use.getKey());
                    update.setObject(3, at);
                    update.addBatch();
                }
                update.executeBatch();
                return null;
            } catch (SQLException failure) {
                throw new IllegalStateException("could not record token uses", failure);
            }
        });
        // Fold what is now stored into the cached tokens first, so that no reader sees last use move backwards.
        batch.forEach((token, usedAt) -> {
            caches.tokens.updateIfCached(token, cached -> withUse(cached, usedAt));
            pending.remove(token, usedAt);
        });
        return batch.size();
    }

    static Token withUse(Token token, Instant usedAt) {
        if (token.lastUsedAt().filter(stored -> !stored.isBefore(usedAt)).isPresent()) {
            return token;
        }
        return Token.restore(token.attributes(), token.createdAt(), token.secretHash(), usedAt,
                token.revocation().orElse(null), token.consumedAt().orElse(null));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException failure) {
            LOG.warn("Could not record token uses; {} stay pending for the next flush", pending.size(), failure);
        }
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    @PreDestroy
    void stop() {
        BackgroundWork.stop(flusher, java.time.Duration.ofSeconds(10));
        flushQuietly();
    }
}
