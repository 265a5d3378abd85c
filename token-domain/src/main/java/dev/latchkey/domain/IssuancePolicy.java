package dev.latchkey.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long tokens may live: the lifetime given when none is asked for, the longest finite lifetime that may be
 * asked for, and whether tokens that never expire may be issued at all; and how many active personal tokens one
 * account may hold, whatever policy governs it.
 *
 * @param maximumActiveTokensPerAccount a ceiling over every policy's own limit, so that no account can fill the store
 */
public record IssuancePolicy(Lifetime defaultLifetime, Duration maximumLifetime, boolean neverExpiringAllowed,
                             int maximumActiveTokensPerAccount) {

    /** The ceiling on an account's active personal tokens when none is configured. */
    public static final int DEFAULT_MAXIMUM_ACTIVE_TOKENS_PER_ACCOUNT = 1_000;

    /** A policy with the default ceiling on active tokens. */
    public IssuancePolicy(Lifetime defaultLifetime, Duration maximumLifetime, boolean neverExpiringAllowed) {
        this(defaultLifetime, maximumLifetime, neverExpiringAllowed, DEFAULT_MAXIMUM_ACTIVE_TOKENS_PER_ACCOUNT);
    }

    public IssuancePolicy {
        if (maximumActiveTokensPerAccount < 1) {
            throw new InvalidValueException("maximumActiveTokensPerAccount", "must be at least 1");
        }
        Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        Objects.requireNonNull(maximumLifetime, "maximumLifetime");
        if (maximumLifetime.isNegative() || maximumLifetime.isZero()
                || maximumLifetime.compareTo(Lifetime.LONGEST_FINITE) > 0) {
            throw new InvalidValueException("maximumLifetime",
                    "must be positive and at most " + Lifetime.LONGEST_FINITE.toDays() + " days");
        }
        if (defaultLifetime instanceof Lifetime.Never && !neverExpiringAllowed) {
            throw new InvalidValueException("defaultLifetime",
                    "cannot be 'never' while never-expiring tokens are not allowed");
        }
        if (defaultLifetime instanceof Lifetime.Finite finite && finite.duration().compareTo(maximumLifetime) > 0) {
            throw new InvalidValueException("defaultLifetime", "must not exceed the maximum lifetime");
        }
    }

    /** Decides whether a requested lifetime may be granted. */
    public Decision decide(Lifetime requested) {
        if (requested instanceof Lifetime.Never) {
            return neverExpiringAllowed
                    ? new Decision.Granted(requested)
                    : new Decision.Refused("tokens that never expire are not allowed here");
        }
        Duration duration = ((Lifetime.Finite) requested).duration();
        if (duration.compareTo(maximumLifetime) > 0) {
            return new Decision.Refused("the lifetime must be at most " + maximumLifetime.getSeconds() + " seconds");
        }
        return new Decision.Granted(requested);
    }

    /** The policy's answer to a requested lifetime. */
    public sealed interface Decision {
        /** The lifetime the token gets: the one requested, or the default when none was. */
        record Granted(Lifetime lifetime) implements Decision {
        }

        /** The requested lifetime breaks the policy; the reason says which limit. */
        record Refused(String reason) implements Decision {
        }
    }
}
