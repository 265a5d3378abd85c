package dev.latchkey.application.port.out;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import java.time.Duration;

/**
 * Where refused logins are reported, for operators to see guessing as it happens. Never given the password.
 */
public interface LoginAuditPort {

    void refused(String username, String address, AuthenticateUseCase.Reason reason);

    void limited(String username, String address, Duration retryAfter);
}
