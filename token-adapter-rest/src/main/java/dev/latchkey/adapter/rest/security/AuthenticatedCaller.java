package dev.latchkey.adapter.rest.security;

import dev.latchkey.application.port.in.Caller;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;

/** Carries the use cases' {@link Caller} inside micronaut-security's {@link Authentication}, and back out. */
public final class AuthenticatedCaller {

    static final String ATTRIBUTE = "latchkey.caller";

    private AuthenticatedCaller() {
    }

    static Authentication authenticationOf(Caller caller) {
        return Authentication.build(caller.username().value(), List.of(caller.role().name()),
                Map.of(ATTRIBUTE, caller));
    }

    /** The caller behind an authentication this adapter established. */
    public static Caller of(Authentication authentication) {
        Object caller = authentication.getAttributes().get(ATTRIBUTE);
        if (caller instanceof Caller known) {
            return known;
        }
        throw new IllegalStateException("authentication was not established by Latchkey's fetcher");
    }
}
