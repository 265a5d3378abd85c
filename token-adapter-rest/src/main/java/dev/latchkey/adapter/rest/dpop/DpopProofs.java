package dev.latchkey.adapter.rest.dpop;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapter.rest.jose.JwsKeys;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a DPoP proof (RFC 9449 section 4.3) with nothing but the request: its shape, its type, an asymmetric
 * algorithm, the public key it carries, its signature by that key, the method and URI it was made for, when it was
 * made, and, where a token is presented, the token's hash. A proof that passes names its key by its RFC 7638
 * thumbprint; whether that key is the one a token is bound to, and whether the proof was used before, are asked
 * after (ADR 19), so that a bad proof costs no more than this. Nothing here throws for what a client sent.
 */
@Singleton
public final class DpopProofs {

    /** How far a proof's {@code iat} may be from now, either way. */
    public static final Duration IAT_WINDOW = Duration.ofSeconds(60);
    /** No honest proof comes near this: an RSA key of 4,096 bits and every claim fit in a third of it. */
    static final int MAX_PROOF_LENGTH = 8192;
    static final int MAX_JTI_LENGTH = 256;
    private static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

    /** The outcome of a check. */
    public sealed interface Result {
        /**
         * The proof holds: made by the key with this thumbprint, as {@code jti}, at {@code issuedAt}; it could be
         * presented until {@code usableUntil}, which is how long its single use is kept.
         */
        record Valid(String thumbprint, String jti, Instant issuedAt, Instant usableUntil) implements Result {
        }

        /** The proof does not hold, for the reason given (fit for an {@code error_description}). */
        record Invalid(String reason) implements Result {
        }

        /**
         * The proof holds but for its nonce: it carries none where one is required, or one this service did not issue
         * or no longer accepts. The client makes a new proof with {@code nonce} (RFC 9449 {@code use_dpop_nonce}).
         */
        record NonceNeeded(String reason, String nonce) implements Result {
        }
    }

    private final Clock clock;
    private final DpopNonces nonces;
    private final JwsKeys keys = new JwsKeys();

    public DpopProofs(Clock clock, DpopNonces nonces) {
        this.clock = clock;
        this.nonces = nonces;
    }

    /** The nonce a client should put in its next proof. */
    public String nextNonce() {
        return nonces.current();
    }

    /**
     * Checks a proof made for a request with this method to this URI (its query and fragment are not compared), with
     * {@code accessToken} the token the request presents, if any.
     */
    public Result check(String proof, String method, URI requestUri, Optional<String> accessToken) {
        if (proof == null || proof.isEmpty() || proof.length() > MAX_PROOF_LENGTH) {
            return invalid("The DPoP proof is missing or too long.");
        }
        SignedJWT jwt;
        JWSHeader header;
        try {
            jwt = SignedJWT.parse(proof);
            header = jwt.getHeader();
        } catch (ParseException | RuntimeException malformed) {
            return invalid("The DPoP proof is not a signed JWT.");
        }
        if (!DPOP_TYPE.equals(header.getType())) {
            return invalid("The DPoP proof's typ is not dpop+jwt.");
        }
        if (!JwsKeys.ALGORITHMS.contains(header.getAlgorithm())) {
            return invalid("The DPoP proof's alg is not one of ES256, RS256, PS256, EdDSA.");
        }
        JWK jwk = header.getJWK();
        if (jwk == null || jwk.isPrivate()) {
            return invalid("The DPoP proof does not carry a public jwk.");
        }
        Optional<JwsKeys.Key> key = keys.keyOf(jwk, header.getAlgorithm());
        if (key.isEmpty()) {
            return invalid("The DPoP proof's jwk does not fit its alg.");
        }
        if (!key.get().signed(jwt)) {
            return invalid("The DPoP proof's signature does not verify with its jwk.");
        }
        return claims(jwt, key.get(), method, requestUri, accessToken);
    }

    private Result claims(SignedJWT jwt, JwsKeys.Key key, String method, URI requestUri, Optional<String> accessToken) {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException malformed) {
            return invalid("The DPoP proof's claims are not a JSON object.");
        }
        Object jti = claims.getClaim("jti");
        if (!(jti instanceof String id) || id.isEmpty() || id.length() > MAX_JTI_LENGTH) {
            return invalid("The DPoP proof has no jti.");
        }
        if (!(claims.getClaim("htm") instanceof String htm) || !htm.equals(method)) {
            return invalid("The DPoP proof's htm is not this request's method.");
        }
        if (!(claims.getClaim("htu") instanceof String htu) || !sameTarget(htu, requestUri)) {
            return invalid("The DPoP proof's htu is not this request's URI.");
        }
        Instant issuedAt;
        try {
            issuedAt = Optional.ofNullable(claims.getIssueTime()).map(java.util.Date::toInstant).orElse(null);
        } catch (RuntimeException notATime) {
            issuedAt = null;
        }
        Instant now = clock.instant();
        if (issuedAt == null || Duration.between(issuedAt, now).abs().compareTo(IAT_WINDOW) > 0) {
            return invalid("The DPoP proof's iat is not within " + IAT_WINDOW.toSeconds() + " seconds of now.");
        }
        if (accessToken.isPresent()) {
            Object ath = claims.getClaim("ath");
            if (!(ath instanceof String hash) || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                    tokenHash(accessToken.get()).getBytes(StandardCharsets.US_ASCII))) {
                return invalid("The DPoP proof's ath is not the hash of the presented token.");
            }
        }
        // A nonce is checked whenever one is sent, so that a client using them is protected even where not required.
        Object nonce = claims.getClaim("nonce");
        if (nonce == null && nonces.required()) {
            return new Result.NonceNeeded("A DPoP nonce is required: make the proof again with this nonce.",
                    nonces.current());
        }
        if (nonce != null && !(nonce instanceof String presented && nonces.accepts(presented))) {
            return new Result.NonceNeeded("The DPoP proof's nonce is not one this server issued, or has expired.",
                    nonces.current());
        }
        return new Result.Valid(key.thumbprint(), id, issuedAt, issuedAt.plus(IAT_WINDOW).plus(IAT_WINDOW));
    }

    /** The {@code ath} of a token: the base64url SHA-256 of its ASCII bytes, without padding. */
    public static String tokenHash(String accessToken) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /**
     * Whether a proof's {@code htu} names the request's target: scheme and host without regard to case, the default
     * port as none, the path exactly, and the query and fragment of neither (RFC 9449 section 4.3).
     */
    static boolean sameTarget(String htu, URI request) {
        try {
            URI claimed = new URI(htu);
            return claimed.isAbsolute() && claimed.getRawAuthority() != null
                    && normalized(claimed).equals(normalized(request));
        } catch (URISyntaxException | RuntimeException malformed) {
            return false;
        }
    }

    private static String normalized(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    private static Result invalid(String reason) {
        return new Result.Invalid(reason);
    }
}
