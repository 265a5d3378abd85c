package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.RandomnessPort;
import java.security.SecureRandom;

/** The platform's default CSPRNG (non-blocking on Linux), shared: SecureRandom is thread-safe. */
final class SecureRandomness implements RandomnessPort {

    private final SecureRandom random = new SecureRandom();

    @Override
    public byte[] nextBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
