package dev.latchkey.adapter.persistence.passwords;

import java.time.Duration;

/**
 * How much password hashing a node takes on at once.
 *
 * @param concurrentHashes hashes running at once, each holding {@value Argon2PasswordHasher#MEMORY_KIB} KiB
 * @param queuedHashes     hashes that may wait for a slot; beyond them, requests are refused at once
 * @param maximumWait      how long a queued hash waits before it is refused
 */
record HashingCapacity(int concurrentHashes, int queuedHashes, Duration maximumWait) {

    HashingCapacity {
        if (concurrentHashes < 1) {
            throw new IllegalArgumentException("latchkey.passwords.concurrent-hashes must be at least 1");
        }
        if (queuedHashes < 0) {
            throw new IllegalArgumentException("latchkey.passwords.queued-hashes must not be negative");
        }
        if (maximumWait.isNegative()) {
            throw new IllegalArgumentException("latchkey.passwords.maximum-wait must not be negative");
        }
    }

    /** One fewer than the cores, so that one is always left for token checks; at least one. */
    static int defaultConcurrency(int cores) {
        return Math.max(1, cores - 1);
    }

    int retryAfterSeconds() {
        return (int) Math.max(1, maximumWait.toSeconds());
    }

    /**
     * Refuses a capacity whose running hashes would take more than half the heap, so that a flood fails at start-up
     * rather than with {@link OutOfMemoryError} in production.
     */
    void checkFits(long maximumHeapBytes) {
        long needed = concurrentHashes * Argon2PasswordHasher.MEMORY_BYTES_PER_HASH;
        if (needed > maximumHeapBytes / 2) {
            throw new IllegalStateException(String.format(
                    "latchkey.passwords.concurrent-hashes=%d needs %d MiB for Argon2id, more than half the %d MiB "
                            + "heap: lower it or raise -Xmx", concurrentHashes, needed >> 20, maximumHeapBytes >> 20));
        }
    }
}
