package dev.latchkey.domain;

/** A partner's numeric identifier, assigned when the partner is registered. */
public record PartnerId(long value) {

    public PartnerId {
        if (value <= 0) {
            throw new InvalidValueException("partnerId", "must be a positive number");
        }
    }

    public static PartnerId of(long value) {
        return new PartnerId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
