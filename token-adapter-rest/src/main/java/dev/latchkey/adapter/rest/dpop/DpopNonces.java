package dev.latchkey.adapter.rest.dpop;

import dev.latchkey.application.port.out.SecretDerivationPort;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Server-provided DPoP nonces (RFC 9449 sections 8 and 9), stateless and the same on every node (ADR 19): a nonce is
 * the number of a {@link #SLOT} of time and a MAC of it under the service's derivation key, which every node shares.
 * Any node issues the same nonce for a slot and accepts it during that slot and the next, so a proof made with a
 * nonce is worth nothing a minute or two later whichever node sees it; one node's clock running a little ahead of
 * another's is tolerated by accepting the slot after the current one too.
 *
 * <p>A nonce only narrows when a captured proof can be used; single use is still the replay table's job.
 */
@Singleton
public final class DpopNonces {

    /** How long one nonce is issued for; it is accepted for this long again after. */
    public static final Duration SLOT = Duration.ofSeconds(60);
    /** Keeps these MACs apart from every other use of the derivation key. */
    private static final byte[] PURPOSE = "latchkey dpop nonce\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SLOT_BYTES = Long.BYTES;
    private static final int MAC_BYTES = 16;
    /** The length of a nonce as issued: anything longer is not one of ours, and is not decoded. */
    private static final int NONCE_LENGTH = 32;

    private record Issued(long slot, String nonce) {
    }

    private final SecretDerivationPort keys;
    private final Clock clock;
    private final boolean required;
    private volatile Issued latest = new Issued(Long.MIN_VALUE, "");

    @Inject
    DpopNonces(SecretDerivationPort keys, Clock clock,
               @Value("${latchkey.dpop.nonce-required:false}") boolean required) {
        this.keys = keys;
        this.clock = clock;
        this.required = required;
    }

    /** Nonces made with {@code keys}, required in every proof or not. */
    public static DpopNonces of(SecretDerivationPort keys, Clock clock, boolean required) {
        return new DpopNonces(keys, clock, required);
    }

    /** Whether every proof must carry a nonce this service issued ({@code latchkey.dpop.nonce-required}). */
    public boolean required() {
        return required;
    }

    /** The nonce to hand out now; computed once per slot. */
    public String current() {
        long slot = slotAt(clock.instant());
        Issued issued = latest;
        if (issued.slot() != slot) {
            issued = new Issued(slot, render(slot));
            latest = issued;
        }
        return issued.nonce();
    }

    /** Whether {@code presented} is a nonce issued by any node in this slot or the one before (or, by skew, after). */
    public boolean accepts(String presented) {
        if (presented == null || presented.length() != NONCE_LENGTH) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(presented);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (decoded.length != SLOT_BYTES + MAC_BYTES) {
            return false;
        }
        long slot = ByteBuffer.wrap(decoded).getLong();
        long now = slotAt(clock.instant());
        if (slot < now - 1 || slot > now + 1) {
            return false;
        }
        return MessageDigest.isEqual(mac(slot), Arrays.copyOfRange(decoded, SLOT_BYTES, decoded.length));
    }

    private String render(long slot) {
        byte[] nonce = ByteBuffer.allocate(SLOT_BYTES + MAC_BYTES).putLong(slot).put(mac(slot)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    private byte[] mac(long slot) {
        byte[] salt = ByteBuffer.allocate(PURPOSE.length + SLOT_BYTES).put(PURPOSE).putLong(slot).array();
        return Arrays.copyOf(keys.derive(salt), MAC_BYTES);
    }

    private static long slotAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), SLOT.toSeconds());
    }
}
