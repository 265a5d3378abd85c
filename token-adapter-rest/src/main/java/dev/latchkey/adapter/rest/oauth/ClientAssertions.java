package dev.latchkey.adapter.rest.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapter.rest.jose.JwsKeys;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.SingleUseProofsUseCase;
import dev.latchkey.domain.OAuthClient;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Client authentication by a signed assertion ({@code private_key_jwt}, RFC 7523 section 2.2 and OpenID Connect Core
 * section 9): a JWT the client signs with one of its registered keys, naming itself as {@code iss} and {@code sub},
 * this server as {@code aud}, expiring within {@link #LONGEST_LIFE}, and used once ({@code jti}) on every node.
 *
 * <p>In the order of ADR 19, what needs no store comes first (shape, algorithm, claims), then the client and its keys,
 * then the signature, and last the single use, so that an assertion failing any check writes nothing.
 */
@Singleton
final class ClientAssertions {

    /** The assertion type RFC 7523 section 2.2 names. */
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** An assertion may be made at most this long before it expires: it is good for one request. */
    static final Duration LONGEST_LIFE = Duration.ofMinutes(5);
    /** How far apart the client's clock and this server's may be. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final int MAX_ASSERTION_LENGTH = 8192;
    static final int MAX_JTI_LENGTH = 256;

    /** What checking an assertion came to. */
    sealed interface Outcome {
        record Authenticated(OAuthClient client) implements Outcome {
        }

        /** Refused, for the reason given: fit for an {@code error_description}, never naming a key. */
        record Refused(String reason) implements Outcome {
        }
    }

    private final AuthenticateClientUseCase clients;
    private final SingleUseProofsUseCase singleUse;
    private final ClientKeySets keySets;
    private final Clock clock;
    private final JwsKeys keys = new JwsKeys();

    ClientAssertions(AuthenticateClientUseCase clients, SingleUseProofsUseCase singleUse, ClientKeySets keySets,
                     Clock clock) {
        this.clients = clients;
        this.singleUse = singleUse;
        this.keySets = keySets;
        this.clock = clock;
    }

    /**
     * Checks an assertion presented at an endpoint of this server.
     *
     * @param audiences what {@code aud} may name: the issuer, the token endpoint, and the endpoint it was sent to
     * @param postedId  the {@code client_id} the request also sends, if any, which must be the assertion's
     */
    Outcome check(String assertion, Set<String> audiences, Optional<String> postedId) {
        if (assertion == null || assertion.isEmpty() || assertion.length() > MAX_ASSERTION_LENGTH) {
            return refused("the client_assertion is missing or too long");
        }
        SignedJWT jwt;
        JWSHeader header;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            header = jwt.getHeader();
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException malformed) {
            return refused("the client_assertion is not a signed JWT");
        }
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!JwsKeys.ALGORITHMS.contains(algorithm)) {
            return refused("the client_assertion's alg is not one of " + JwsKeys.ALGORITHM_NAMES);
        }
        Optional<String> claimsRefusal;
        try {
            claimsRefusal = claimsRefusal(claims, audiences, postedId);
        } catch (RuntimeException malformed) {
            claimsRefusal = Optional.of("the client_assertion's claims are malformed");
        }
        if (claimsRefusal.isPresent()) {
            return refused(claimsRefusal.get());
        }
        String clientId = claims.getIssuer();
        if (!(clients.identifySigning(clientId) instanceof AuthenticateClientUseCase.Outcome.Authenticated found)) {
            return refused("client authentication failed");
        }
        OAuthClient client = found.client();
        Optional<String> kid = Optional.ofNullable(header.getKeyID());
        List<JWK> candidates = keySets.keysFor(client.keySettings().keys().orElseThrow(), kid).stream()
                .filter(key -> kid.isEmpty() || kid.get().equals(key.getKeyID())).toList();
        boolean signed = candidates.stream().map(key -> keys.keyOf(key, algorithm)).flatMap(Optional::stream)
                .anyMatch(key -> key.signed(jwt));
        if (!signed) {
            return refused("the client_assertion is not signed by a key the client registered");
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (!singleUse.firstUse(client.id(), claims.getJWTID(), expires.plus(CLOCK_SKEW))) {
            return refused("the client_assertion was used before: make a new one for each request");
        }
        return new Outcome.Authenticated(client);
    }

    private Optional<String> claimsRefusal(JWTClaimsSet claims, Set<String> audiences, Optional<String> postedId) {
        String issuer = claims.getIssuer();
        if (issuer == null || issuer.isEmpty() || !issuer.equals(claims.getSubject())) {
            return Optional.of("the client_assertion's iss and sub must both be the client_id");
        }
        if (postedId.isPresent() && !postedId.get().equals(issuer)) {
            return Optional.of("the client_id is not the client the assertion names");
        }
        List<String> audience = claims.getAudience();
        if (audience.isEmpty() || audience.stream().noneMatch(audiences::contains)) {
            return Optional.of("the client_assertion's aud must be the issuer or the token endpoint");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            return Optional.of("the client_assertion has no jti");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || expires.toInstant().isBefore(now.minus(CLOCK_SKEW))) {
            return Optional.of("the client_assertion has expired, or has no exp");
        }
        if (expires.toInstant().isAfter(now.plus(LONGEST_LIFE).plus(CLOCK_SKEW))) {
            return Optional.of("the client_assertion's exp is more than " + LONGEST_LIFE.toMinutes()
                    + " minutes ahead");
        }
        Date notBefore = claims.getNotBeforeTime();
        Date issued = claims.getIssueTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(CLOCK_SKEW))
                || issued != null && issued.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.of("the client_assertion is not valid yet");
        }
        return Optional.empty();
    }

    private static Outcome refused(String reason) {
        return new Outcome.Refused(reason);
    }
}
