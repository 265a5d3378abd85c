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
 * The value the sign-in form carries, issued by the server: when it was issued and a random nonce, with a MAC of both
 * under the service's derivation key, which every node shares. A value the server did not issue, or issued more than
 * {@link #VALIDITY} ago, is refused, so that another site cannot sign a browser in to an account of its choosing
 * (login CSRF) by planting a cookie and a form field of its own making.
 */
@Singleton
final class SignInFormTokens {

    static final Duration VALIDITY = Duration.ofMinutes(30);
    /** Keeps these MACs apart from every other use of the derivation key. */
    private static final byte[] PURPOSE = "latchkey console sign-in form\0".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 8 + 16;
    private static final int MAC_BYTES = 16;

    private final SecretDerivationPort keys;
    private final RandomnessPort randomness;
    private final Clock clock;

    SignInFormTokens(SecretDerivationPort keys, RandomnessPort randomness, Clock clock) {
        this.keys = keys;
        this.randomness = randomness;
        this.clock = clock;
    }

    String issue() {
        byte[] nonce = ByteBuffer.allocate(NONCE_BYTES).putLong(clock.instant().getEpochSecond())
                .put(randomness.nextBytes(NONCE_BYTES - 8)).array();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(nonce) + "." + encoder.encodeToString(mac(nonce));
    }

    boolean isValid(String presented) {
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

    private byte[] mac(byte[] nonce) {
        byte[] salt = Arrays.copyOf(PURPOSE, PURPOSE.length + nonce.length);
        System.arraycopy(nonce, 0, salt, PURPOSE.length, nonce.length);
        return Arrays.copyOf(keys.derive(salt), MAC_BYTES);
    }
}
