package dev.latchkey.wire;

import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenPolicy;
import jakarta.annotation.Nullable;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A policy as it is written, in the API and in the command line's files: lifetimes in seconds ({@code -1}: never),
 * roles and scopes as lists. Every field but {@code maximumLifetimeSeconds} may be absent ({@code null}); absent
 * {@code defaultLifetimeSeconds} means the maximum.
 */
public record PolicyDocument(@Nullable BigDecimal defaultLifetimeSeconds, @Nullable BigDecimal maximumLifetimeSeconds,
                             @Nullable List<String> neverExpiringRoles, @Nullable Integer maximumActiveTokens,
                             @Nullable List<String> allowedScopes) {

    public TokenPolicy toDomain() {
        if (maximumLifetimeSeconds == null) {
            throw new InvalidValueException("maximumLifetimeSeconds", "is required");
        }
        Lifetime maximum = LifetimeSeconds.parse("maximumLifetimeSeconds", maximumLifetimeSeconds);
        if (!(maximum instanceof Lifetime.Finite finite)) {
            throw new InvalidValueException("maximumLifetimeSeconds",
                    "must be a number of seconds; allow tokens that never expire with neverExpiringRoles");
        }
        Lifetime defaultLifetime = defaultLifetimeSeconds == null ? maximum
                : LifetimeSeconds.parse("defaultLifetimeSeconds", defaultLifetimeSeconds);
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : neverExpiringRoles == null ? List.<String>of() : neverExpiringRoles) {
            try {
                roles.add(Role.parse(role));
            } catch (InvalidValueException unknown) {
                throw new InvalidValueException("neverExpiringRoles", "each must be 'admin' or 'user'");
            }
        }
        return new TokenPolicy(defaultLifetime, finite.duration(), roles, Optional.ofNullable(maximumActiveTokens),
                Optional.ofNullable(allowedScopes).map(Scopes::of));
    }

    /** Reads a policy document strictly: exact types, no unknown or repeated fields. */
    public static TokenPolicy read(String json) {
        try {
            return StrictJson.read(json, PolicyDocument.class).toDomain();
        } catch (StrictJson.MalformedJson malformed) {
            throw new InvalidValueException(malformed.field().isEmpty() ? "policy" : malformed.field(),
                    malformed.field().isEmpty() ? malformed.describe() : malformed.getMessage());
        }
    }
}
