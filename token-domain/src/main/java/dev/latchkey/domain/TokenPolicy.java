package dev.latchkey.domain;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules an organization, or every account by default, issues tokens under: the lifetime given when none is asked
 * for, the longest that may be asked for, which roles may hold tokens that never expire, how many active tokens an
 * account may hold, and which scopes may be requested. A broken rule is named, so that whoever is refused knows which.
 *
 * @param neverExpiringRoles  the roles whose accounts may hold tokens that never expire; empty for none
 * @param maximumActiveTokens at most this many active personal tokens per account; empty for no limit
 * @param allowedScopes       only these scopes may be requested; empty for any
 */
public record TokenPolicy(Lifetime defaultLifetime, Duration maximumLifetime, Set<Role> neverExpiringRoles,
                          Optional<Integer> maximumActiveTokens, Optional<Scopes> allowedScopes) {

    /** The rules, by the names problems and simulations give them. */
    public enum Rule {
        MAXIMUM_LIFETIME,
        NEVER_EXPIRING,
        MAXIMUM_ACTIVE_TOKENS,
        ALLOWED_SCOPES;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A rule a request or a token breaks, and how. */
    public record Violation(Rule rule, String detail) {
        public Violation {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public TokenPolicy {
        Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        Objects.requireNonNull(maximumLifetime, "maximumLifetime");
        Objects.requireNonNull(maximumActiveTokens, "maximumActiveTokens");
        Objects.requireNonNull(allowedScopes, "allowedScopes");
        neverExpiringRoles = neverExpiringRoles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(neverExpiringRoles));
        if (maximumLifetime.isNegative() || maximumLifetime.isZero()
                || maximumLifetime.compareTo(Lifetime.LONGEST_FINITE) > 0) {
            throw new InvalidValueException("maximumLifetime",
                    "must be positive and at most " + Lifetime.LONGEST_FINITE.toDays() + " days");
        }
        if (defaultLifetime instanceof Lifetime.Finite finite && finite.duration().compareTo(maximumLifetime) > 0) {
            throw new InvalidValueException("defaultLifetime", "must not exceed the maximum lifetime");
        }
        if (defaultLifetime instanceof Lifetime.Never && neverExpiringRoles.size() < Role.values().length) {
            throw new InvalidValueException("defaultLifetime",
                    "can be 'never' only where every role may hold tokens that never expire");
        }
        if (maximumActiveTokens.filter(limit -> limit < 1).isPresent()) {
            throw new InvalidValueException("maximumActiveTokens", "must be at least 1");
        }
    }

    /** The configured issuance policy as a token policy with no further rules. */
    public static TokenPolicy of(IssuancePolicy issuance) {
        return new TokenPolicy(issuance.defaultLifetime(), issuance.maximumLifetime(),
                issuance.neverExpiringAllowed() ? EnumSet.allOf(Role.class) : Set.of(), Optional.empty(),
                Optional.empty());
    }

    /**
     * The one decision every path that creates a token takes: the lifetime the token gets, or the first rule the
     * request breaks. A lifetime someone asked for is granted or refused as asked; the policy's default or a
     * surface's own lifetime is fitted to the policy, so that what nobody asked for is never refused (ADR 15). The
     * count of active tokens is not decided here: it is a fact about the store at the moment of the write, so the
     * store enforces {@link #maximumActiveTokens} atomically.
     */
    public Decision decide(Role role, LifetimeRequest requested, Scopes scopes) {
        Optional<Violation> scopeViolation = checkScopes(scopes);
        if (scopeViolation.isPresent()) {
            return new Decision.Refused(scopeViolation.get());
        }
        Lifetime lifetime;
        if (requested instanceof LifetimeRequest.Explicit explicit) {
            lifetime = explicit.lifetime();
        } else if (requested instanceof LifetimeRequest.Fitted surface) {
            lifetime = fitted(role, surface.lifetime());
        } else {
            lifetime = fitted(role, defaultLifetime);
        }
        return checkLifetime(role, lifetime).<Decision>map(Decision.Refused::new)
                .orElseGet(() -> new Decision.Granted(lifetime));
    }

    /** The longest lifetime no longer than {@code wanted} that this policy allows the role. */
    private Lifetime fitted(Role role, Lifetime wanted) {
        if (wanted instanceof Lifetime.Never) {
            return neverExpiringRoles.contains(role) ? wanted : Lifetime.of(maximumLifetime);
        }
        Duration duration = ((Lifetime.Finite) wanted).duration();
        return duration.compareTo(maximumLifetime) > 0 ? Lifetime.of(maximumLifetime) : wanted;
    }

    /** What a policy says to a request for a token. */
    public sealed interface Decision {
        /** The token may be issued, with this lifetime. */
        record Granted(Lifetime lifetime) implements Decision {
            public Granted {
                Objects.requireNonNull(lifetime, "lifetime");
            }
        }

        /** The request breaks a rule. */
        record Refused(Violation violation) implements Decision {
            public Refused {
                Objects.requireNonNull(violation, "violation");
            }
        }
    }

    /** The refusal the store gives when an account already holds {@code limit} active tokens. */
    public static Violation activeTokensExceeded(int limit) {
        return new Violation(Rule.MAXIMUM_ACTIVE_TOKENS,
                "an account may hold at most " + limit + " active tokens; revoke one first");
    }

    /** The lifetime and never-expiring rules alone, as a rotation, which keeps the count, is checked. */
    public Optional<Violation> checkLifetime(Role role, Lifetime lifetime) {
        if (lifetime instanceof Lifetime.Never) {
            return neverExpiringRoles.contains(role) ? Optional.empty() : Optional.of(new Violation(
                    Rule.NEVER_EXPIRING, "tokens that never expire are not allowed for the "
                    + role.name().toLowerCase(Locale.ROOT) + " role"));
        }
        Duration duration = ((Lifetime.Finite) lifetime).duration();
        return duration.compareTo(maximumLifetime) > 0 ? Optional.of(new Violation(Rule.MAXIMUM_LIFETIME,
                "the lifetime must be at most " + maximumLifetime.getSeconds() + " seconds")) : Optional.empty();
    }

    /** The allowed-scopes rule alone. */
    public Optional<Violation> checkScopes(Scopes scopes) {
        return allowedScopes.filter(allowed -> !allowed.containsAll(scopes)).map(allowed -> new Violation(
                Rule.ALLOWED_SCOPES, "only these scopes may be requested: " + (allowed.values().isEmpty() ? "none"
                : String.join(" ", allowed.values()))));
    }

    /**
     * What an existing active token would break under this policy, but for the count of active tokens, which is a
     * fact about the account's tokens together (see {@link #excessOf}).
     */
    public Optional<Violation> checkExisting(Token token, Role ownerRole) {
        return checkLifetime(ownerRole, token.lifetime()).or(() -> checkScopes(token.scopes()));
    }

    /** How many of an account's {@code activeTokens} are beyond the limit: the oldest of them break it. */
    public long excessOf(long activeTokens) {
        return maximumActiveTokens.map(limit -> Math.max(0, activeTokens - limit)).orElse(0L);
    }
}
