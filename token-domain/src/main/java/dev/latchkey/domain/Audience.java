package dev.latchkey.domain;

/**
 * Who a token is meant for (RFC 7519 {@code aud}, RFC 8693 {@code audience}): a resource server's name or URI. A
 * resource server that checks it refuses a token meant for another.
 */
public record Audience(String value) {

    public static final int MAX_LENGTH = 200;

    public Audience {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new InvalidValueException("audience",
                    "must be 1 to " + MAX_LENGTH + " printable characters without spaces");
        }
    }

    public static Audience of(String value) {
        return new Audience(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
