package dev.latchkey.domain;

import java.util.regex.Pattern;

/** An account's e-mail address; checked for shape only (one {@code @}, no spaces), as delivery is not ours to test. */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public EmailAddress {
        if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("email", "must be an e-mail address of at most " + MAX_LENGTH
                    + " characters");
        }
    }

    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
