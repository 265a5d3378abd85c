package dev.latchkey.domain;

import java.math.BigInteger;

/** Fixed-width base62 over [0-9A-Za-z]: URL-safe, copy-paste-safe (no punctuation), and case-sensitive. */
final class Base62 {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger RADIX = BigInteger.valueOf(ALPHABET.length());

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

    static String encode(long number, int width) {
        return encode(BigInteger.valueOf(number), width);
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
