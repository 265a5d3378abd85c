package dev.latchkey.adapter.rest.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public keys that verify what clients sign (DPoP proofs, {@code private_key_jwt} assertions): asymmetric
 * algorithms only (ES256 on P-256, RS256 and PS256 with at least 2048 bits, EdDSA on Ed25519), never {@code none} or a
 * shared secret. Each distinct key is parsed once and kept, bounded, so that verifying with a known key is a lookup and
 * a signature check. Nothing here throws for what a client sent.
 */
public final class JwsKeys {

    /** The signature algorithms a client may sign with. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256,
            JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);
    /** As a header or metadata lists them. */
    public static final String ALGORITHM_NAMES = "ES256 RS256 PS256 EdDSA";
    private static final int SMALLEST_RSA_KEY = 2048;
    private static final int MOST_KEYS_KEPT = 10_000;
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo, before the key's 32 bytes. */
    private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** A public key, parsed: its RFC 7638 thumbprint, and whether a JWT's signature is by it. */
    public record Key(String thumbprint, JWSAlgorithm algorithm, Verifier verifier) {

        /** Whether the JWT's signature verifies with this key; false for anything that cannot be checked. */
        public boolean signed(SignedJWT jwt) {
            try {
                return verifier.verifies(jwt);
            } catch (JOSEException | GeneralSecurityException | RuntimeException unverifiable) {
                return false;
            }
        }
    }

    @FunctionalInterface
    public interface Verifier {
        boolean verifies(SignedJWT jwt) throws JOSEException, GeneralSecurityException;
    }

    private final Map<String, Key> keys = new ConcurrentHashMap<>();

    /** The key, if it is public, fits the algorithm and is strong enough; parsed once per distinct key. */
    public Optional<Key> keyOf(JWK jwk, JWSAlgorithm algorithm) {
        if (jwk == null || jwk.isPrivate() || !ALGORITHMS.contains(algorithm)) {
            return Optional.empty();
        }
        String cacheKey = algorithm.getName() + " " + jwk.toJSONString();
        Key known = keys.get(cacheKey);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Key> parsed = parse(jwk, algorithm);
        if (parsed.isPresent()) {
            if (keys.size() >= MOST_KEYS_KEPT) {
                keys.clear();
            }
            keys.put(cacheKey, parsed.get());
        }
        return parsed;
    }

    /** Whether the key could sign with one of {@link #ALGORITHMS}: what a client may register. */
    public boolean usable(JWK jwk) {
        return ALGORITHMS.stream().anyMatch(algorithm -> keyOf(jwk, algorithm).isPresent());
    }

    private static Optional<Key> parse(JWK jwk, JWSAlgorithm algorithm) {
        try {
            String thumbprint = jwk.computeThumbprint().toString();
            if (algorithm.equals(JWSAlgorithm.ES256) && jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                ECDSAVerifier verifier = new ECDSAVerifier(ec.toECPublicKey());
                return Optional.of(new Key(thumbprint, algorithm, jwt -> jwt.verify(verifier)));
            }
            if ((algorithm.equals(JWSAlgorithm.RS256) || algorithm.equals(JWSAlgorithm.PS256))
                    && jwk instanceof RSAKey rsa && rsa.size() >= SMALLEST_RSA_KEY) {
                RSASSAVerifier verifier = new RSASSAVerifier(rsa.toRSAPublicKey());
                return Optional.of(new Key(thumbprint, algorithm, jwt -> jwt.verify(verifier)));
            }
            if (algorithm.equals(JWSAlgorithm.EdDSA) && jwk instanceof OctetKeyPair okp
                    && Curve.Ed25519.equals(okp.getCurve())) {
                byte[] x = okp.getX().decode();
                if (x.length != 32) {
                    return Optional.empty();
                }
                byte[] encoded = new byte[ED25519_PREFIX.length + x.length];
                System.arraycopy(ED25519_PREFIX, 0, encoded, 0, ED25519_PREFIX.length);
                System.arraycopy(x, 0, encoded, ED25519_PREFIX.length, x.length);
                PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
                // The JDK's Ed25519, not Nimbus's: Nimbus needs Tink for it, and the JDK has had it since 15.
                return Optional.of(new Key(thumbprint, algorithm, jwt -> {
                    Signature ed25519 = Signature.getInstance("Ed25519");
                    ed25519.initVerify(key);
                    ed25519.update(jwt.getSigningInput());
                    return ed25519.verify(jwt.getSignature().decode());
                }));
            }
            return Optional.empty();
        } catch (JOSEException | GeneralSecurityException | RuntimeException unusable) {
            return Optional.empty();
        }
    }
}
