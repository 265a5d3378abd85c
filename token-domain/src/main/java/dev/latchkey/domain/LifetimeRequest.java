package dev.latchkey.domain;

import java.util.Objects;

/**
 * How a path that creates a token says how long it should live, which decides what a policy does with it: a lifetime
 * someone asked for is refused when the policy forbids it, one nobody asked for is fitted to the policy.
 */
public sealed interface LifetimeRequest {

    /** The lifetime the governing policy gives by default. */
    static LifetimeRequest policyDefault() {
        return PolicyDefault.INSTANCE;
    }

    /** A lifetime the caller asked for: one the policy forbids is refused, never shortened behind their back. */
    static LifetimeRequest explicit(Lifetime lifetime) {
        return new Explicit(lifetime);
    }

    /**
     * The lifetime a surface gives what it issues, with no one asking for it (an OAuth grant's access and refresh
     * tokens, a platform's fixed token lifetime): cut to the policy's maximum rather than refused.
     */
    static LifetimeRequest fitted(Lifetime lifetime) {
        return new Fitted(lifetime);
    }

    /** Whether the caller named this lifetime, so that nothing may shorten it silently. */
    default boolean isExplicit() {
        return this instanceof Explicit;
    }

    /** Nothing was asked for. */
    record PolicyDefault() implements LifetimeRequest {
        private static final PolicyDefault INSTANCE = new PolicyDefault();
    }

    /** Asked for by the caller. */
    record Explicit(Lifetime lifetime) implements LifetimeRequest {
        public Explicit {
            Objects.requireNonNull(lifetime, "lifetime");
        }
    }

    /** The surface's own lifetime, to be fitted to the policy. */
    record Fitted(Lifetime lifetime) implements LifetimeRequest {
        public Fitted {
            Objects.requireNonNull(lifetime, "lifetime");
        }
    }
}
