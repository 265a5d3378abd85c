package dev.latchkey.domain;

/** A client-chosen key that makes a retried request return the first one's result instead of acting twice. */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new InvalidValueException("Idempotency-Key",
                    "must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces");
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }
}
