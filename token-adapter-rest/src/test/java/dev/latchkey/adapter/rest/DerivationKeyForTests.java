package dev.latchkey.adapter.rest;

import dev.latchkey.application.port.out.SecretDerivationPort;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's derivation key, as the persistence adapter provides it, for this module's tests of the HTTP layer
 * alone: HMAC-SHA-256 under a key made for the test run, unless a test gives a derivation of its own.
 */
@Factory
public class DerivationKeyForTests {

    private static final byte[] KEY = new SecureRandom().generateSeed(32);

    @Singleton
    @Secondary
    SecretDerivationPort derivation() {
        return hmac();
    }

    /** The same derivation for a test that builds its objects by hand. */
    public static SecretDerivationPort hmac() {
        return salt -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
                return mac.doFinal(salt);
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException(impossible);
            }
        };
    }
}
