package dev.latchkey.domain;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The public, non-secret identifier of a token. Assigned when the token is issued; never null. */
public record TokenId(UUID value) {

    public TokenId {
        Objects.requireNonNull(value, "value");
    }

    /** A version 4 UUID built from 16 bytes the caller drew from its randomness port. */
    public static TokenId fromRandomBytes(byte[] sixteenRandomBytes) {
        return new TokenId(RandomUuid.fromBytes(sixteenRandomBytes));
    }

    /**
     * A version 7 UUID (RFC 9562 section 5.7): the issuing millisecond in its first 48 bits, then 74 of the ten
     * random bytes. New tokens' ids rise with time, so the store appends them to the end of its primary-key index
     * instead of splitting a random page of it on every commit (issue 27). The id says when the token was issued,
     * which its description says too; it is not the secret, and it carries as many random bits as a short secret
     * would, so ids of tokens issued in the same millisecond cannot be guessed from one another.
     */
    public static TokenId timeOrdered(Instant issuedAt, byte[] tenRandomBytes) {
        if (tenRandomBytes == null || tenRandomBytes.length != TIME_ORDERED_RANDOM_BYTES) {
            throw new IllegalArgumentException("a time-ordered id needs exactly " + TIME_ORDERED_RANDOM_BYTES
                    + " random bytes");
        }
        long millis = issuedAt.toEpochMilli();
        if (millis < 0 || millis >= 1L << 48) {
            throw new IllegalArgumentException("a time-ordered id holds milliseconds from 1970 to 10889 only");
        }
        ByteBuffer random = ByteBuffer.wrap(tenRandomBytes);
        long randA = random.getShort() & 0x0fffL;
        long randB = random.getLong() & 0x3fffffffffffffffL;
        long mostSignificant = millis << 16 | 0x7000L | randA;
        long leastSignificant = 0x8000000000000000L | randB;
        return new TokenId(new UUID(mostSignificant, leastSignificant));
    }

    /** How many random bytes {@link #timeOrdered} takes. */
    public static final int TIME_ORDERED_RANDOM_BYTES = 10;

    /** Parses the textual form; anything that is not a UUID is no token id at all. */
    public static Optional<TokenId> parse(String text) {
        return RandomUuid.parse(text).map(TokenId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }

    /** Shared by the identifier types: UUID construction and strict parsing. */
    static final class RandomUuid {
        static final int BYTES = 16;

        private RandomUuid() {
        }

        static UUID fromBytes(byte[] bytes) {
            if (bytes == null || bytes.length != BYTES) {
                throw new IllegalArgumentException("a random UUID needs exactly " + BYTES + " bytes");
            }
            byte[] copy = bytes.clone();
            copy[6] = (byte) ((copy[6] & 0x0f) | 0x40); // version 4
            copy[8] = (byte) ((copy[8] & 0x3f) | 0x80); // IETF variant
            ByteBuffer buffer = ByteBuffer.wrap(copy);
            return new UUID(buffer.getLong(), buffer.getLong());
        }

        static Optional<UUID> parse(String text) {
            // UUID.fromString accepts short forms such as "1-2-3-4-5"; only the canonical 36-character form is an id.
            if (text == null || text.length() != 36) {
                return Optional.empty();
            }
            try {
                UUID parsed = UUID.fromString(text);
                return parsed.toString().equalsIgnoreCase(text) ? Optional.of(parsed) : Optional.empty();
            } catch (IllegalArgumentException notAUuid) {
                return Optional.empty();
            }
        }
    }
}
