package dev.latchkey.adapter.persistence.limits;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bucket4j buckets kept in the {@code login_allowance} table, so that every node takes from the same allowance.
 * Bucket4j does the arithmetic and retries; this class only reads a state and replaces it if nobody else has, which
 * H2 and PostgreSQL both do atomically in one statement. No lock is held between the read and the swap.
 */
final class SharedAllowances extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final LoginAllowanceRepository rows;

    SharedAllowances(LoginAllowanceRepository rows, ClientSideConfig config) {
        super(config);
        this.rows = rows;
    }

    /**
     * A row's key for what an allowance counts: its SHA-256 in hex, which fits the key column whatever it is and
     * keeps the text out of the table (people type their password into the username field).
     */
    static String keyOf(String counted) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(counted.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return rows.find(key).map(LoginAllowanceRow::state);
            }

            @Override
            public boolean compareAndSwap(byte[] expected, byte[] replacement, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                long nowNanos = currentTimeNanos();
                Instant refilledAt = Instant.EPOCH.plusNanos(nowNanos + newState.calculateFullRefillingTime(nowNanos));
                return (expected == null
                        ? rows.insertIfAbsent(key, replacement, refilledAt)
                        : rows.swap(key, expected, replacement, refilledAt)) == 1;
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("Login allowances are taken synchronously");
    }

    @Override
    public void removeProxy(String key) {
        rows.delete(key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("Login allowances are taken synchronously");
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
