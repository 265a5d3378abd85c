package dev.latchkey.domain;

import java.util.regex.Pattern;

/**
 * An account's login name.
 *
 * <p>Kept to characters that survive every transport the dialects use: no colon (HTTP Basic splits on it), no
 * whitespace, no control characters.
 */
public record Username(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._@+-]{1," + MAX_LENGTH + "}");

    public Username {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException("username",
                    "must be 1 to " + MAX_LENGTH + " characters of letters, digits and . _ @ + -");
        }
    }

    /**
     * The username this text names, or empty when no account could have it: for lookups, where a malformed name is
     * simply not found.
     */
    public static java.util.Optional<Username> parse(String text) {
        try {
            return java.util.Optional.of(of(text));
        } catch (InvalidValueException | NullPointerException malformed) {
            return java.util.Optional.empty();
        }
    }

    public static Username of(String value) {
        return new Username(value);
    }

    /**
     * A username for a new account: also not {@code .} or {@code ..}, which a browser or proxy resolves away as a
     * path segment, so that a page about the account (the console's {@code /console/admin/accounts/{username}})
     * would be a page about another path. Checked only for new accounts, so that none already stored becomes
     * unreadable.
     */
    public static Username forNewAccount(String value) {
        Username username = new Username(value);
        if (username.isDotSegment()) {
            throw new InvalidValueException("username", "must not be '.' or '..'");
        }
        return username;
    }

    public boolean isDotSegment() {
        return value.equals(".") || value.equals("..");
    }

    /**
     * The form in which two usernames are the same account: without case, so that {@code ALICE} and {@code alice}
     * can never be two people. Defined for any presented text, so that a malformed username is counted alike.
     */
    public static String canonical(String presented) {
        return presented.strip().toLowerCase(java.util.Locale.ROOT);
    }

    public String canonical() {
        return canonical(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
