package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import jakarta.inject.Singleton;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1), with a 16-byte salt and a 32-byte hash,
 * stored in PHC string format so that the parameters travel with each hash and can be raised later.
 */
@Singleton
public class Argon2PasswordHasher implements PasswordHasherPort {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);

    @Override
    public PasswordHash hash(Password password) {
        return new PasswordHash(encoder.encode(password.reveal()));
    }

    @Override
    public boolean matches(Password candidate, PasswordHash hash) {
        return encoder.matches(candidate.reveal(), hash.phcString());
    }
}
