package dev.latchkey.adapter.rest.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Set;

/**
 * What a route asks of its caller. Read once per route from its declaration ({@code @Secured}), never per request,
 * and checked against the caller the request authenticated as (ADR 20).
 */
public sealed interface RouteAccess {

    /** The answer to one request. */
    enum Verdict {
        ADMITTED,
        /** No caller, or credentials that were refused: 401 with the challenges. */
        UNAUTHENTICATED,
        /** A caller without the role the route needs: 403. */
        FORBIDDEN
    }

    Verdict verdict(@Nullable Authentication caller);

    /** Open to anyone. Credentials presented are still read, so that the route can tell who calls. */
    record Anyone() implements RouteAccess {
        @Override
        public Verdict verdict(@Nullable Authentication caller) {
            return Verdict.ADMITTED;
        }
    }

    /** Any authenticated caller. */
    record SignedIn() implements RouteAccess {
        @Override
        public Verdict verdict(@Nullable Authentication caller) {
            return caller == null ? Verdict.UNAUTHENTICATED : Verdict.ADMITTED;
        }
    }

    /** A caller holding one of these roles. */
    record InRole(Set<String> roles) implements RouteAccess {

        public InRole {
            roles = Set.copyOf(roles);
        }

        @Override
        public Verdict verdict(@Nullable Authentication caller) {
            if (caller == null) {
                return Verdict.UNAUTHENTICATED;
            }
            for (String role : caller.getRoles()) {
                if (roles.contains(role)) {
                    return Verdict.ADMITTED;
                }
            }
            return Verdict.FORBIDDEN;
        }
    }

    /**
     * A route that declares no access: refused to everyone, as micronaut-security refuses a route no rule allows, so
     * that a route added without a declaration fails closed.
     */
    record Undeclared() implements RouteAccess {
        @Override
        public Verdict verdict(@Nullable Authentication caller) {
            return caller == null ? Verdict.UNAUTHENTICATED : Verdict.FORBIDDEN;
        }
    }
}
