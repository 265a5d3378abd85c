package dev.latchkey.application.service;

import dev.latchkey.domain.SecretHash;

/**
 * How what a caller presented appears in the audit trail: never a secret, and nothing a reader of the trail could take
 * for another field or a control sequence.
 */
final class AuditText {

    private AuditText() {
    }

    /**
     * A presented secret as the trail names it: the first 12 hex digits of its SHA-256, enough to tell one presented
     * value from another and useless to present.
     */
    static String fingerprint(String secret) {
        return SecretHash.of(secret).toHex().substring(0, 12);
    }

    /** Presented text as the trail shows it: printable ASCII only, at most {@code limit} characters of it. */
    static String printable(String presented, int limit) {
        return escaped(presented, limit, ' ');
    }

    /**
     * A value of a {@code name=value} detail: as {@link #printable}, and without spaces either, which would end it;
     * {@code none} when empty.
     */
    static String value(String presented, int limit) {
        return presented.isEmpty() ? "none" : escaped(presented, limit, '!');
    }

    private static String escaped(String presented, int limit, char lowestShown) {
        StringBuilder shown = new StringBuilder();
        presented.codePoints().limit(limit).forEach(point -> shown.append(point >= lowestShown && point < 0x7f
                ? String.valueOf((char) point) : String.format("\\u%04x", point)));
        return shown.toString();
    }
}
