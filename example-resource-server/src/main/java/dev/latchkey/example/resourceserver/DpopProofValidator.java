package dev.latchkey.example.resourceserver;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a resource server does with a DPoP-bound token (RFC 9449 section 7) that Latchkey issued, on its own: a token
 * whose {@code cnf.jkt} names a key is accepted only as {@code Authorization: DPoP} with one {@code DPoP} proof that
 * is a {@code dpop+jwt} signed with an asymmetric algorithm by the public key it carries, whose thumbprint is that
 * {@code jkt}; made for this request's method and URL; at most a minute old; carrying the token's hash as {@code ath};
 * and not seen before. A token without {@code cnf} is a bearer token and is accepted only as {@code Bearer}.
 *
 * <p>Replays are remembered in this process only: one instance of this example is one node. A service with several
 * nodes keeps used proofs where all of them see it, as Latchkey does (its ADR 19).
 */
@Singleton
final class DpopProofValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    static final Duration WINDOW = Duration.ofSeconds(60);
    private static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

    private final Map<String, Instant> usedProofs = new ConcurrentHashMap<>();
    private final Optional<String> publicUrl;
    private final Clock clock = Clock.systemUTC();

    /** @param publicUrl the scheme and authority clients call this server at, when a proxy fronts it */
    DpopProofValidator(@Value("${resource-server.public-url:}") String publicUrl) {
        this.publicUrl = Optional.of(publicUrl).filter(url -> !url.isEmpty());
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        if (request == null) {
            return false;
        }
        Optional<String> jkt = boundKey(claims.get("cnf"));
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class).orElse("");
        boolean presentedAsDpop = authorization.regionMatches(true, 0, DpopTokenReader.SCHEME + " ", 0, 5);
        if (jkt.isEmpty()) {
            return !presentedAsDpop;
        }
        if (!presentedAsDpop) {
            return false;
        }
        List<String> proofs = request.getHeaders().getAll("DPoP");
        return proofs.size() == 1 && proofHolds(proofs.get(0), jkt.get(), authorization.substring(5).trim(), request);
    }

    private boolean proofHolds(String proof, String jkt, String token, HttpRequest<?> request) {
        try {
            SignedJWT jwt = SignedJWT.parse(proof);
            JWSHeader header = jwt.getHeader();
            JWK key = header.getJWK();
            if (!DPOP_TYPE.equals(header.getType()) || !ALGORITHMS.contains(header.getAlgorithm()) || key == null
                    || key.isPrivate() || !(key instanceof AsymmetricJWK asymmetric)
                    || !key.computeThumbprint().toString().equals(jkt)) {
                return false;
            }
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(header,
                    asymmetric.toPublicKey());
            if (!jwt.verify(verifier)) {
                return false;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            Instant issued = claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
            return request.getMethodName().equals(claims.getStringClaim("htm"))
                    && sameTarget(claims.getStringClaim("htu"), request)
                    && issued != null && Duration.between(issued, now).abs().compareTo(WINDOW) <= 0
                    && MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                            String.valueOf(claims.getStringClaim("ath")).getBytes(StandardCharsets.US_ASCII))
                    && firstUse(jkt + " " + claims.getJWTID(), now, claims.getJWTID());
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | NoSuchAlgorithmException
                 | RuntimeException malformed) {
            return false;
        }
    }

    private boolean firstUse(String key, Instant now, String jti) {
        if (jti == null || jti.isEmpty()) {
            return false;
        }
        usedProofs.values().removeIf(expiry -> expiry.isBefore(now));
        return usedProofs.putIfAbsent(key, now.plus(WINDOW).plus(WINDOW)) == null;
    }

    /** The URL the request was made to, without query: this server's public one, or as the Host header names it. */
    private boolean sameTarget(String htu, HttpRequest<?> request) {
        if (htu == null) {
            return false;
        }
        String base = publicUrl.orElseGet(() -> "http://" + Optional.ofNullable(request.getHeaders()
                .get(HttpHeaders.HOST)).orElse(""));
        URI claimed = URI.create(htu);
        return (claimed.getScheme() + "://" + claimed.getRawAuthority() + claimed.getRawPath())
                .equalsIgnoreCase(base + request.getPath());
    }

    private static Optional<String> boundKey(Object cnf) {
        if (cnf instanceof Map<?, ?> confirmation && confirmation.get("jkt") instanceof String jkt) {
            return Optional.of(jkt);
        }
        return Optional.empty();
    }

    private static String hash(String token) throws NoSuchAlgorithmException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
