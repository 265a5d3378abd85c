package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenLookupCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TokenLookupCache cache = new TokenLookupCache(Duration.ofSeconds(5), 3, nanos::get);
    private final AtomicInteger databaseReads = new AtomicInteger();

    private static Token token(int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        return Token.issue(TokenAttributes.personal(new TokenId(UUID.randomUUID()), new AccountId(UUID.randomUUID()),
                TokenDescription.none(), Scopes.none(), Expiry.never()), Instant.EPOCH,
                TokenSecret.fromRandomBytes(bytes).hash()).token();
    }

    private Optional<Token> lookUp(Token token) {
        return cache.get(token.secretHash(), hash -> {
            databaseReads.incrementAndGet();
            return Optional.of(token);
        });
    }

    @Test
    void aSecondLookupWithinTheTimeToLiveSkipsTheDatabase() {
        Token token = token(1);

        lookUp(token);
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());

        assertThat(lookUp(token)).contains(token);
        assertThat(databaseReads).hasValue(1);
    }

    @Test
    void entriesExpireAfterTheTimeToLive() {
        Token token = token(1);
        lookUp(token);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        lookUp(token);

        assertThat(databaseReads).hasValue(2);
    }

    @Test
    void invalidationDropsTheTokenAtOnce() {
        Token token = token(1);
        lookUp(token);

        cache.invalidate(token.id());
        lookUp(token);

        assertThat(databaseReads).hasValue(2);
    }

    @Test
    void unknownSecretsAreNotCached() {
        SecretHash unknown = token(9).secretHash();

        cache.get(unknown, hash -> Optional.empty());

        assertThat(cache.size()).isZero();
    }

    @Test
    void aFullCacheStopsStoringRatherThanGrowing() {
        for (int i = 0; i < 5; i++) {
            lookUp(token(i));
        }

        assertThat(cache.size()).isEqualTo(3);
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        lookUp(token(42));
        assertThat(cache.size()).as("expired entries make room").isEqualTo(1);
    }

    @Test
    void aZeroTimeToLiveTurnsCachingOff() {
        TokenLookupCache off = new TokenLookupCache(Duration.ZERO, 100, nanos::get);
        Token token = token(1);

        off.get(token.secretHash(), hash -> Optional.of(token));

        assertThat(off.size()).isZero();
    }
}
