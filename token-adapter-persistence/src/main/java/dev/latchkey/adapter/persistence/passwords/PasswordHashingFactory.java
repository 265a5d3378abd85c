package dev.latchkey.adapter.persistence.passwords;

import dev.latchkey.adapter.persistence.StoreMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;

@Factory
class PasswordHashingFactory {

    /** Checked at start-up, so that a capacity the heap cannot hold stops the service before it serves. */
    @Context
    HashingCapacity hashingCapacity(@Nullable @Value("${latchkey.passwords.concurrent-hashes}") Integer concurrent,
                                    @Value("${latchkey.passwords.queued-hashes:32}") int queued,
                                    @Value("${latchkey.passwords.maximum-wait:5s}") Duration maximumWait) {
        HashingCapacity capacity = new HashingCapacity(concurrent != null ? concurrent
                : HashingCapacity.defaultConcurrency(Runtime.getRuntime().availableProcessors()), queued, maximumWait);
        capacity.checkFits(Runtime.getRuntime().maxMemory());
        return capacity;
    }

    @Singleton
    Argon2PasswordHasher passwordHasher(HashingCapacity capacity, StoreMetrics metrics) {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(capacity);
        metrics.watchWaitingPasswordHashes(hasher::waitingHashes);
        return hasher;
    }
}
