package dev.latchkey.adapter.persistence.passwords;

import dev.latchkey.application.port.out.CapacityExhaustedException;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1), with a 16-byte salt and a 32-byte hash,
 * stored in PHC string format so that the parameters travel with each hash and can be raised later.
 *
 * <p>Each hash holds 19 MiB for its duration, so at most {@link HashingCapacity#concurrentHashes()} run at once and
 * at most {@link HashingCapacity#queuedHashes()} more wait, each for a bounded time. Anything beyond that is refused
 * at once with {@link CapacityExhaustedException}: a login flood costs logins, never the heap, and never the token
 * checks that need no hashing.
 */
class Argon2PasswordHasher implements PasswordHasherPort {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final long MEMORY_BYTES_PER_HASH = MEMORY_KIB * 1024L;
    /** The PHC string's head for these parameters, as Spring Security's encoder writes it. */
    static final String PARAMETERS = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final HashingCapacity capacity;
    private final Semaphore running;
    private final AtomicInteger admitted = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    Argon2PasswordHasher(HashingCapacity capacity) {
        this.capacity = capacity;
        this.running = new Semaphore(capacity.concurrentHashes(), true);
    }

    @Override
    public PasswordHash hash(Password password) {
        return bounded(() -> new PasswordHash(encoder.encode(password.reveal())));
    }

    @Override
    public boolean matches(Password candidate, PasswordHash hash) {
        return bounded(() -> encoder.matches(candidate.reveal(), hash.phcString()));
    }

    /**
     * These parameters with a random salt and a random digest: checking a password against it runs the same Argon2id
     * as against a stored hash, and matches only if Argon2id's output equals 256 random bits.
     */
    @Override
    public PasswordHash decoy() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] digest = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(digest);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return new PasswordHash(PARAMETERS + base64.encodeToString(salt) + "$" + base64.encodeToString(digest));
    }

    /** Hashes waiting for a slot now: admitted, and not yet running. */
    public int waitingHashes() {
        return Math.max(0, running.getQueueLength());
    }

    @Override
    public void refuseIfSaturated() {
        if (admitted.get() >= capacity.concurrentHashes() + capacity.queuedHashes()) {
            throw new CapacityExhaustedException("password hashing is at capacity", capacity.retryAfterSeconds());
        }
    }

    private <T> T bounded(Supplier<T> hashing) {
        if (admitted.incrementAndGet() > capacity.concurrentHashes() + capacity.queuedHashes()) {
            admitted.decrementAndGet();
            throw new CapacityExhaustedException("password hashing is at capacity", capacity.retryAfterSeconds());
        }
        try {
            if (!running.tryAcquire(capacity.maximumWait().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new CapacityExhaustedException("password hashing is at capacity",
                        capacity.retryAfterSeconds());
            }
            try {
                return hashing.get();
            } finally {
                running.release();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CapacityExhaustedException("interrupted while waiting to hash", capacity.retryAfterSeconds());
        } finally {
            admitted.decrementAndGet();
        }
    }
}
