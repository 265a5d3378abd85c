package dev.latchkey.domain;

import java.util.regex.Pattern;

/** The public identifier of an OAuth 2.0 client (RFC 6749 section 2.2). */
public record ClientId(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    public ClientId {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException("client_id",
                    "must be 1 to " + MAX_LENGTH + " characters of letters, digits and . _ -");
        }
    }

    public static ClientId of(String value) {
        return new ClientId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
