package dev.latchkey.domain;

/** A human-readable label for a token, shown in listings. */
public record TokenDescription(String value) {

    public static final int MAX_LENGTH = 200;

    public TokenDescription {
        if (value == null) {
            throw new InvalidValueException("description", "must be present (it may be empty)");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("description", "must be at most " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("description", "must not contain control characters");
        }
    }

    public static TokenDescription of(String value) {
        return new TokenDescription(value);
    }

    public static TokenDescription none() {
        return new TokenDescription("");
    }
}
