package dev.latchkey.adapter.rest.jwt;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/** RFC 9068 access tokens: signing one, and the full check of a presented one (algorithm, type, claims, MAC). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class JwtBenchmarks {

    private JwtAccessTokens jwts;
    private TokenAttributes attributes;
    private String signed;

    @Setup
    public void keys() {
        // HS256 with a configured secret: no key store and no key pairs are read.
        SigningSettings settings = SigningSettings.of(false, "HS256", Duration.ofDays(30), Duration.ofDays(1),
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(30));
        jwts = new JwtAccessTokens(purpose -> {
            throw new AssertionError("the key is configured");
        }, new SigningKeys(null, settings, Clock.systemUTC()), settings, "https://latchkey.example", null,
                "0123456789abcdef0123456789abcdef-bench");
        attributes = TokenAttributes.personal(new TokenId(UUID.randomUUID()), new AccountId(UUID.randomUUID()),
                TokenDescription.none(), Scopes.of("read"), Expiry.at(Instant.now().plusSeconds(3600)));
        signed = jwts.encode(attributes, Instant.now());
    }

    @Benchmark
    public String sign() {
        return jwts.encode(attributes, Instant.now());
    }

    @Benchmark
    public Optional<TokenId> verify() {
        return jwts.verify(signed);
    }
}
