package dev.latchkey.adapter.persistence;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

@Factory
class TokenCacheFactory {

    /**
     * @param timeToLive how long a looked-up token is kept; {@code 0s} turns the cache off
     * @param maxEntries beyond this many tokens, lookups go to the database until entries expire
     */
    @Singleton
    TokenLookupCache tokenLookupCache(@Value("${latchkey.token-cache.time-to-live:60s}") Duration timeToLive,
                                      @Value("${latchkey.token-cache.max-entries:100000}") int maxEntries) {
        return new TokenLookupCache(timeToLive, maxEntries, System::nanoTime);
    }
}
