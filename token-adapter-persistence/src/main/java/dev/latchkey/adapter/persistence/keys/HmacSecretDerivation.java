package dev.latchkey.adapter.persistence.keys;

import dev.latchkey.application.port.out.SecretDerivationPort;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256 under a server key of its own, generated once and shared by every node through the store. */
@Singleton
class HmacSecretDerivation implements SecretDerivationPort {

    static final String PURPOSE = "rotation-secret-derivation";

    private final ServerKeys keys;

    HmacSecretDerivation(ServerKeys keys) {
        this.keys = keys;
    }

    @Override
    public byte[] derive(byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.keyFor(PURPOSE), "HmacSHA256"));
            return mac.doFinal(salt);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", impossible);
        }
    }
}
