package dev.latchkey.application.service;

import dev.latchkey.application.port.out.RandomnessPort;
import java.nio.ByteBuffer;

/** The spread of a retry, in [0, 1), from the randomness port: what keeps failed deliveries from retrying together. */
final class RetryJitter {

    private RetryJitter() {
    }

    static double spread(RandomnessPort randomness) {
        long bits = ByteBuffer.wrap(randomness.nextBytes(8)).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }
}
