package dev.latchkey.adapter.rest.scanning;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's secret-scanning public keys, by their identifiers: each an ECDSA P-256 key, which signs the raw body of
 * every report with SHA-256 (the signature DER-encoded, then base64). A key that is not P-256 is left out, so that no
 * weaker key can stand in for GitHub's.
 */
final class ScanningKeys {

    private final Map<String, PublicKey> byIdentifier;

    private ScanningKeys(Map<String, PublicKey> byIdentifier) {
        this.byIdentifier = Map.copyOf(byIdentifier);
    }

    static ScanningKeys none() {
        return new ScanningKeys(Map.of());
    }

    /** The keys of GitHub's list, {@code {"public_keys":[{"key_identifier","key" (PEM),"is_current"}]}}. */
    static ScanningKeys of(List<PublishedKey> published) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (PublishedKey key : published) {
            if (key.keyIdentifier() != null && key.key() != null) {
                p256(key.key()).ifPresent(parsed -> keys.put(key.keyIdentifier(), parsed));
            }
        }
        return new ScanningKeys(keys);
    }

    boolean knows(String identifier) {
        return byIdentifier.containsKey(identifier);
    }

    int size() {
        return byIdentifier.size();
    }

    /** Whether {@code signature} (base64 of a DER ECDSA signature) is the named key's over exactly these bytes. */
    boolean verify(String identifier, byte[] body, String signature) {
        PublicKey key = byIdentifier.get(identifier);
        if (key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException malformed) {
            return false;
        }
    }

    private static Optional<PublicKey> p256(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII))));
            return key instanceof ECPublicKey ec && isP256(ec.getParams()) ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException malformed) {
            return Optional.empty();
        }
    }

    /** The NIST P-256 curve and base point, not merely a 256-bit curve (secp256k1 is one too). */
    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
            return expected.getCurve().equals(params.getCurve())
                    && expected.getGenerator().equals(params.getGenerator())
                    && expected.getOrder().equals(params.getOrder());
        } catch (GeneralSecurityException unsupported) {
            throw new IllegalStateException("every Java platform has secp256r1", unsupported);
        }
    }

    /** One entry of GitHub's key list. */
    record PublishedKey(String keyIdentifier, String key, boolean isCurrent) {
    }
}
