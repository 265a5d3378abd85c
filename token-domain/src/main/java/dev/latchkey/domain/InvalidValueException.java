package dev.latchkey.domain;

/**
 * A value object was asked to hold something it cannot hold.
 *
 * <p>The message names the offending field and the rule it broke, never the value itself: the value may be a
 * password or a token that arrived in the wrong field.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
