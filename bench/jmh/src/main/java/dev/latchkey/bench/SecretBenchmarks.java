package dev.latchkey.bench;

import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.TokenSecret;
import java.security.SecureRandom;
import java.util.Optional;
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

/** The opaque secret: generating one, parsing a presented one, and the SHA-256 lookup key. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SecretBenchmarks {

    private final SecureRandom random = new SecureRandom();
    private String presented;

    @Setup
    public void issueOne() {
        presented = TokenSecret.fromRandomBytes(bytes(TokenSecret.RANDOM_BYTES)).reveal();
    }

    @Benchmark
    public String generate() {
        return TokenSecret.fromRandomBytes(bytes(TokenSecret.RANDOM_BYTES)).reveal();
    }

    @Benchmark
    public Optional<TokenSecret> parse() {
        return TokenSecret.parse(presented);
    }

    @Benchmark
    public SecretHash lookupKey() {
        return SecretHash.of(presented);
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
