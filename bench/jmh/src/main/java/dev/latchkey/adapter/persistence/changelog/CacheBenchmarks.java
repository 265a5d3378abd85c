package dev.latchkey.adapter.persistence.changelog;

import dev.latchkey.adapter.persistence.CacheSettings;
import dev.latchkey.adapter.persistence.StoreMetrics;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenSecret;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The token check's memory: a cache hit under a fresh lease, and applying a read of the change log (100 changes,
 * each dropping a cached token). Time stands still here, so the lease never lapses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CacheBenchmarks {

    private static final int CACHED = 100_000;
    private static final int CHANGES_PER_READ = 100;

    private final SecureRandom random = new SecureRandom();
    private final List<UUID> ids = new ArrayList<>();
    private LeasedCache<UUID, Token> tokens;
    private ChangeFeed feed;
    private long nextSeq;
    private int probe;

    @Setup
    public void fill() {
        ChangeLogReader reader = new ChangeLogReader() {
            @Override
            public long head() {
                return 0;
            }

            @Override
            public List<Change> readAfter(long seq, int limit) {
                List<Change> changes = new ArrayList<>(CHANGES_PER_READ);
                for (int i = 1; i <= CHANGES_PER_READ; i++) {
                    changes.add(new Change(seq + i, Change.Subject.token(ids.get((int) ((seq + i) % CACHED)))));
                }
                nextSeq = seq + CHANGES_PER_READ;
                return changes;
            }
        };
        CacheSettings settings = new CacheSettings(Duration.ofMillis(100), CACHED * 2L, Duration.ofSeconds(1),
                Duration.ofHours(1));
        feed = new ChangeFeed(reader, settings, () -> 0L, false);
        tokens = new LeasedCache<>(feed, settings.maximumEntries(), () -> false, "tokens", new StoreMetrics(),
                false);
        feed.onChange(Change.Kind.TOKEN, id -> tokens.invalidate(UUID.fromString(id)));
        feed.poll();
        for (int i = 0; i < CACHED; i++) {
            Token token = token();
            ids.add(token.id().value());
            tokens.get(token.id().value(), id -> Optional.of(token));
        }
    }

    @Benchmark
    public Optional<Token> cacheHit() {
        probe = (probe + 7919) % CACHED;
        return tokens.get(ids.get(probe), id -> {
            throw new AssertionError("a hit must not load");
        });
    }

    @Benchmark
    public long changeLogApply() {
        feed.poll();
        return nextSeq;
    }

    private Token token() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        byte[] secret = new byte[TokenSecret.RANDOM_BYTES];
        random.nextBytes(secret);
        return Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(id),
                        new AccountId(UUID.randomUUID()), TokenDescription.of("bench"), Scopes.of("read"),
                        Expiry.never()), Instant.now(), TokenSecret.fromRandomBytes(secret).hash()).token();
    }
}
