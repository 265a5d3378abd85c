package dev.latchkey.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The code a person types to approve a device (RFC 8628 section 6.1): 8 letters from an alphabet without vowels (no
 * words get spelt) or look-alikes, shown as {@code XXXX-XXXX}, entered in any case and with or without the dash. At
 * 20^8 (about 2^34.6) it is guessable only slowly: wrong entries count against the login limits, and a code lives
 * minutes. It is stored as a hash, like every credential.
 */
public final class UserCode {

    public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    public static final int LENGTH = 8;

    private final String value;

    private UserCode(String value) {
        this.value = value;
    }

    /** A fresh code; each character from one random byte, drawn again rather than biased when it falls outside. */
    public static UserCode generate(RandomBytes random) {
        StringBuilder code = new StringBuilder(LENGTH);
        int limit = 256 - 256 % ALPHABET.length();
        while (code.length() < LENGTH) {
            for (byte next : random.next(LENGTH)) {
                int unsigned = next & 0xff;
                if (unsigned < limit && code.length() < LENGTH) {
                    code.append(ALPHABET.charAt(unsigned % ALPHABET.length()));
                }
            }
        }
        return new UserCode(code.toString());
    }

    /** What a person typed, if it can be a user code at all: case, spaces and dashes do not matter. */
    public static Optional<UserCode> parse(String entered) {
        if (entered == null || entered.length() > 32) {
            return Optional.empty();
        }
        String normalized = entered.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (normalized.length() != LENGTH || !normalized.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new UserCode(normalized));
    }

    /** As shown to the person: {@code WDJB-MJHT}. */
    public String display() {
        return value.substring(0, 4) + "-" + value.substring(4);
    }

    public SecretHash hash() {
        return SecretHash.of(value);
    }

    /** Where random bytes come from; the domain does no I/O. */
    @FunctionalInterface
    public interface RandomBytes {
        byte[] next(int count);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserCode that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    /** Redacted: a user code is a credential until it is used. */
    @Override
    public String toString() {
        return "UserCode[redacted]";
    }
}
