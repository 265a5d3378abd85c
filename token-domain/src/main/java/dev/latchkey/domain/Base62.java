package dev.latchkey.domain;

import java.math.BigInteger;

/** Fixed-width base62 over [0-9A-Za-z]: URL-safe, copy-paste-safe (no punctuation), and case-sensitive. */
final class Base62 {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger RADIX = BigInteger.valueOf(ALPHABET.length());
    private static final long RADIX_LONG = ALPHABET.length();

    private Base62() {
    }

    /** Encodes a non-negative number in exactly {@code width} digits; the caller guarantees it fits. */
    static String encode(BigInteger number, int width) {
        char[] digits = new char[width];
        BigInteger rest = number;
        for (int position = width - 1; position >= 0; position--) {
            BigInteger[] quotientAndRemainder = rest.divideAndRemainder(RADIX);
            digits[position] = ALPHABET.charAt(quotientAndRemainder[1].intValue());
            rest = quotientAndRemainder[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalArgumentException("number does not fit in " + width + " base62 digits");
        }
        return new String(digits);
    }

    /** As {@link #encode(BigInteger, int)}, in a long's arithmetic: a checksum is written on every token check. */
    static String encode(long number, int width) {
        if (number < 0) {
            throw new IllegalArgumentException("a negative number has no base62 digits");
        }
        char[] digits = new char[width];
        long rest = number;
        for (int position = width - 1; position >= 0; position--) {
            digits[position] = ALPHABET.charAt((int) (rest % RADIX_LONG));
            rest /= RADIX_LONG;
        }
        if (rest != 0) {
            throw new IllegalArgumentException("number does not fit in " + width + " base62 digits");
        }
        return new String(digits);
    }

    static boolean isBase62(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digitOrLetter = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!digitOrLetter) {
                return false;
            }
        }
        return true;
    }
}
