package dev.latchkey.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The shape of every secret Latchkey hands out: a prefix naming what it is, 43 base62 characters carrying 256
 * random bits, and 6 base62 characters of CRC32 over those 43. The prefix lets secret scanners recognise a leak;
 * the checksum lets anyone reject a mistyped or invented secret offline, before it costs a lookup.
 */
final class SecretFormat {

    static final int RANDOM_BYTES = 32;
    static final int BODY_LENGTH = 43;      // 62^43 > 2^256
    static final int CHECKSUM_LENGTH = 6;   // 62^6 > 2^32

    private final String prefix;

    SecretFormat(String prefix) {
        this.prefix = prefix;
    }

    int length() {
        return prefix.length() + BODY_LENGTH + CHECKSUM_LENGTH;
    }

    String render(byte[] randomBytes) {
        if (randomBytes == null || randomBytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a secret needs exactly " + RANDOM_BYTES + " random bytes");
        }
        String body = Base62.encode(new BigInteger(1, randomBytes), BODY_LENGTH);
        return prefix + body + checksumOf(body);
    }

    boolean isWellFormed(String presented) {
        if (presented == null || presented.length() != length() || !presented.startsWith(prefix)) {
            return false;
        }
        String body = presented.substring(prefix.length(), prefix.length() + BODY_LENGTH);
        String checksum = presented.substring(prefix.length() + BODY_LENGTH);
        return Base62.isBase62(body) && checksumOf(body).equals(checksum);
    }

    private static String checksumOf(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }
}
