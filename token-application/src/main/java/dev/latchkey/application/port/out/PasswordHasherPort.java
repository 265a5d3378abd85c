package dev.latchkey.application.port.out;

import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;

/** A memory-hard password hash. Deliberately slow: call it once per login, never per API call. */
public interface PasswordHasherPort {

    PasswordHash hash(Password password);

    boolean matches(Password candidate, PasswordHash hash);
}
