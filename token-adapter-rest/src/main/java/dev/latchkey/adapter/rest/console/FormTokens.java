package dev.latchkey.adapter.rest.console;

import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SecretDerivationPort;
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
 * The values the console's forms carry, so that a page of another site cannot make the browser post them.
 *
 * <p>The sign-in form's value is issued by the server: when it was issued and a random nonce, with a MAC of both
 * under the service's derivation key, which every node shares. A value the server did not issue, or issued more than
 * {@link #VALIDITY} ago, is refused, so that another site cannot sign a browser in to an account of its choosing
 * (login CSRF) by planting a cookie and a form field of its own making.
 *
 * <p>A signed-in session's forms carry a MAC of the session's secret under the same key: every node computes the
 * same value, nothing is stored, and without the secret (an HttpOnly cookie) no one can compute it.
 */
@Singleton
final class FormTokens {

    static final Duration VALIDITY = Duration.ofMinutes(30);
    /** Keeps these MACs apart from every other use of the derivation key. */
    private static final byte[] PURPOSE = "latchkey console sign-in form\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SESSION_PURPOSE = "latchkey console session form\0"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 8 + 16;
    private static final int MAC_BYTES = 16;

    private final SecretDerivationPort keys;
    private final RandomnessPort randomness;
    private final Clock clock;

    FormTokens(SecretDerivationPort keys, RandomnessPort randomness, Clock clock) {
        this.keys = keys;
        this.randomness = randomness;
        this.clock = clock;
    }

    /** A new sign-in form's value. */
    String issueForSignIn() {
        byte[] nonce = ByteBuffer.allocate(NONCE_BYTES).putLong(clock.instant().getEpochSecond())
                .put(randomness.nextBytes(NONCE_BYTES - 8)).array();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(nonce) + "." + encoder.encodeToString(mac(nonce));
    }

    boolean isValidForSignIn(String presented) {
        int dot = presented.indexOf('.');
        if (dot < 0) {
            return false;
        }
        byte[] nonce;
        byte[] mac;
        try {
            nonce = Base64.getUrlDecoder().decode(presented.substring(0, dot));
            mac = Base64.getUrlDecoder().decode(presented.substring(dot + 1));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
        if (nonce.length != NONCE_BYTES || mac.length != MAC_BYTES || !MessageDigest.isEqual(mac(nonce), mac)) {
            return false;
        }
        Instant issued = Instant.ofEpochSecond(ByteBuffer.wrap(nonce).getLong());
        Instant now = clock.instant();
        return !issued.isAfter(now.plusSeconds(60)) && issued.plus(VALIDITY).isAfter(now);
    }

    /** The value every form of the session with this secret carries. */
    String forSession(String sessionSecret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac(SESSION_PURPOSE, sessionSecret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether two form values are equal, in time that does not tell where they first differ. */
    static boolean same(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(byte[] nonce) {
        return mac(PURPOSE, nonce);
    }

    private byte[] mac(byte[] purpose, byte[] message) {
        byte[] salt = Arrays.copyOf(purpose, purpose.length + message.length);
        System.arraycopy(message, 0, salt, purpose.length, message.length);
        return Arrays.copyOf(keys.derive(salt), MAC_BYTES);
    }
}
