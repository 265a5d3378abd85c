package dev.latchkey.domain;

import java.util.regex.Pattern;

/**
 * The interface a grant was made through: the token endpoint, or a platform's own token-pair endpoint. A grant's
 * refresh tokens are redeemed only through the surface that made them, so that a pair obtained in one protocol can
 * never be turned into credentials of another.
 */
public record GrantSurface(String name) {

    public static final int MAX_LENGTH = 32;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9-]{1," + MAX_LENGTH + "}");
    /** The standard token endpoint (RFC 6749). Declared after the pattern it is checked against. */
    public static final GrantSurface TOKEN_ENDPOINT = new GrantSurface("token-endpoint");

    public GrantSurface {
        if (name == null || !ALLOWED.matcher(name).matches()) {
            throw new InvalidValueException("surface", "must be 1 to " + MAX_LENGTH + " of a-z, 0-9 and -");
        }
    }

    public static GrantSurface of(String name) {
        return new GrantSurface(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
