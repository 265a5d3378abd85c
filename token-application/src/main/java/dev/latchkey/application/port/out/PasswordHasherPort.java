package dev.latchkey.application.port.out;

import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A memory-hard password hash. Deliberately slow: call it once per login, never per API call. */
public interface PasswordHasherPort {

    PasswordHash hash(Password password);

    boolean matches(Password candidate, PasswordHash hash);

    /**
     * A well-formed hash that no password matches, checked by {@link #matches} at exactly the cost of a real one: an
     * unknown username is checked against it, so that its timing does not tell. By default the hash of a random
     * password nobody is told, which costs one hash when the service starts; a hasher that can write a hash of its
     * own format without hashing (random salt, random digest) should, as Latchkey's Argon2id hasher does.
     */
    default PasswordHash decoy() {
        byte[] unguessable = new byte[32];
        new SecureRandom().nextBytes(unguessable);
        return hash(Password.presented(HexFormat.of().formatHex(unguessable)));
    }

    /**
     * Refuses at once, with {@link CapacityExhaustedException}, when a hash asked for now would be refused for lack
     * of capacity, so that a login flood is shed before any other work is done for it. A hint only: {@link #hash}
     * and {@link #matches} still enforce the bound themselves.
     */
    default void refuseIfSaturated() {
    }
}
