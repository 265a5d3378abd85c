package dev.latchkey.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The scopes a token carries: a set of RFC 6749 scope tokens. Resource servers read them through introspection;
 * a token may only hand out scopes it carries itself.
 */
public record Scopes(SortedSet<String> values) {

    /** Lets a token's bearer introspect other tokens (RFC 7662); only administrators may hold it. */
    public static final String INTROSPECT = "introspect";
    /** Marks a partner-scoped token: {@code partner:<id>}. */
    public static final String PARTNER_PREFIX = "partner:";
    public static final int MAX_COUNT = 32;
    public static final int MAX_SCOPE_LENGTH = 64;

    public Scopes {
        if (values == null) {
            throw new InvalidValueException("scopes", "must be present (it may be empty)");
        }
        if (values.size() > MAX_COUNT) {
            throw new InvalidValueException("scopes", "must hold at most " + MAX_COUNT + " scopes");
        }
        for (String scope : values) {
            if (!isScopeToken(scope)) {
                throw new InvalidValueException("scopes", "each scope must be 1 to " + MAX_SCOPE_LENGTH
                        + " printable ASCII characters other than space, '\"' and '\\' (RFC 6749, section 3.3)");
            }
        }
        values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    public static Scopes of(Collection<String> scopes) {
        if (scopes == null) {
            throw new InvalidValueException("scopes", "must be present (it may be empty)");
        }
        if (scopes.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidValueException("scopes", "must not contain null");
        }
        return new Scopes(new TreeSet<>(scopes));
    }

    public static Scopes of(String... scopes) {
        return of(Arrays.asList(scopes));
    }

    public static Scopes none() {
        return new Scopes(new TreeSet<>());
    }

    /** Parses the space-delimited form of RFC 6749's {@code scope} parameter. */
    public static Scopes parseSpaceDelimited(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        return of(Arrays.asList(text.trim().split(" +")));
    }

    /**
     * Whether a scope differs from a reserved one only in case ({@code Introspect}, {@code PARTNER:1}). Scopes
     * compare exactly (RFC 6749 section 3.3), but a resource server that compares without case would take such a
     * scope for the reserved one, so nobody may hold it.
     */
    public static boolean imitatesReserved(String scope) {
        boolean introspectLookalike = scope.equalsIgnoreCase(INTROSPECT) && !scope.equals(INTROSPECT);
        boolean partnerLookalike = scope.regionMatches(true, 0, PARTNER_PREFIX, 0, PARTNER_PREFIX.length())
                && !scope.startsWith(PARTNER_PREFIX);
        return introspectLookalike || partnerLookalike;
    }

    /** The scope of a token that acts for a partner. */
    public static String partner(PartnerId partner) {
        return PARTNER_PREFIX + partner.value();
    }

    /** The partner a token acts for, if it carries a well-formed partner scope. */
    public java.util.Optional<PartnerId> partner() {
        return values.stream().filter(scope -> scope.startsWith(PARTNER_PREFIX)).findFirst().flatMap(scope -> {
            try {
                return java.util.Optional.of(PartnerId.of(Long.parseLong(scope.substring(PARTNER_PREFIX.length()))));
            } catch (RuntimeException malformed) {
                return java.util.Optional.empty();
            }
        });
    }

    public boolean contains(String scope) {
        return values.contains(scope);
    }

    public boolean containsAll(Scopes other) {
        return values.containsAll(other.values);
    }

    /** The scopes of both; at most {@link #MAX_COUNT}, like any set of scopes. */
    public Scopes union(Scopes other) {
        TreeSet<String> both = new TreeSet<>(values);
        both.addAll(other.values);
        return new Scopes(both);
    }

    public int size() {
        return values.size();
    }

    public String asSpaceDelimited() {
        return String.join(" ", values);
    }

    private static boolean isScopeToken(String scope) {
        if (scope == null || scope.isEmpty() || scope.length() > MAX_SCOPE_LENGTH) {
            return false;
        }
        return scope.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
    }
}
