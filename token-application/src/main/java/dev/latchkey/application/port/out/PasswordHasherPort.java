package dev.latchkey.application.port.out;

import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;

/** A memory-hard password hash. Deliberately slow: call it once per login, never per API call. */
public interface PasswordHasherPort {

    PasswordHash hash(Password password);

    boolean matches(Password candidate, PasswordHash hash);

    /**
     * A well-formed hash that no password matches, checked by {@link #matches} at exactly the cost of a real one: an
     * unknown username is checked against it, so that its timing does not tell. Made without hashing, so that making
     * it costs nothing at start-up.
     */
    PasswordHash decoy();

    /**
     * Refuses at once, with {@link CapacityExhaustedException}, when a hash asked for now would be refused for lack
     * of capacity, so that a login flood is shed before any other work is done for it. A hint only: {@link #hash}
     * and {@link #matches} still enforce the bound themselves.
     */
    default void refuseIfSaturated() {
    }
}
