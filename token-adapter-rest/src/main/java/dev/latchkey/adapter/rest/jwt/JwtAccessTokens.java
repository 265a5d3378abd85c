package dev.latchkey.adapter.rest.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.ServerKeyPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenId;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import io.micronaut.security.token.jwt.validator.JwtValidator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Signed JWT credentials in two profiles: RFC 9068 access tokens ({@code typ: at+jwt}, with issuer and audience),
 * signed with the configured algorithm ({@code latchkey.oauth.jwt.algorithm}: ES256 by default, or RS256, with a
 * {@code kid} naming a key of the published key set, {@link SigningKeys}; or HS256 with the shared secret), and
 * account tokens ({@code typ: JWT}, HS256, carrying the owner's identity, as Datasentinel's user tokens do). Signed
 * and verified with Nimbus; HS256 verified with micronaut-security-jwt's {@link JwtValidator} and
 * {@link SecretSignature}.
 *
 * <p>Verification accepts exactly one algorithm per profile and one type before it looks at the signature:
 * {@code alg: none}, any other algorithm (and with it the RS/HS confusion attack), an unknown or retired {@code kid}
 * and untyped JWTs are all rejected. Then the HS256 signature (an ES256 or RS256 one is left to resource servers:
 * see {@code signatureHolds}), the issuer and audience must match, and an expiry must be present; whether it has passed is decided, like for every
 * token, by the stored expiry the JWT's {@code exp} mirrors, and the JWT must be the exact one stored under its
 * {@code jti}. The key is {@code latchkey.oauth.jwt.secret} if configured (at least 32
 * bytes), otherwise 32 random bytes the service generated once and keeps in its store, shared by every node.
 */
@Singleton
public class JwtAccessTokens implements JwtAccessTokenPort {

    static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;
    static final String KEY_PURPOSE = "jwt-hs256";
    static final String USER_CLAIM = "user";
    static final String DATABASE_CLAIM = "database";
    private static final int MIN_KEY_BYTES = 32;

    private final ServerKeyPort serverKeys;
    private final SigningKeys signingKeys;
    private final JWSAlgorithm accessTokenAlgorithm;
    private final String issuer;
    private final String audience;
    private final String configuredSecret;
    private volatile SecretSignature signature;

    JwtAccessTokens(ServerKeyPort serverKeys, SigningKeys signingKeys, SigningSettings settings,
                    @Nullable @Value("${latchkey.oauth.issuer:}") String issuer,
                    @Nullable @Value("${latchkey.oauth.jwt.audience:}") String audience,
                    @Nullable @Value("${latchkey.oauth.jwt.secret:}") String configuredSecret) {
        this.serverKeys = serverKeys;
        this.signingKeys = signingKeys;
        this.accessTokenAlgorithm = settings.algorithm();
        this.issuer = issuer == null ? "" : issuer.replaceAll("/+$", "");
        this.audience = audience == null || audience.isBlank() ? this.issuer : audience;
        this.configuredSecret = configuredSecret;
        if (configuredSecret != null && !configuredSecret.isEmpty()
                && configuredSecret.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("latchkey.oauth.jwt.secret must be at least " + MIN_KEY_BYTES
                    + " bytes (256 bits) for HS256");
        }
    }

    @Override
    public String encode(TokenAttributes attributes, Instant issuedAt) {
        if (issuer.isEmpty()) {
            throw new IllegalStateException("JWT access tokens need latchkey.oauth.issuer");
        }
        // A token narrowed to an audience (by an exchange) names it beside Latchkey's own.
        List<String> audiences = attributes.audience().map(narrowed -> List.of(audience, narrowed.value()))
                .orElse(List.of(audience));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(attributes.owner().toString())
                .audience(audiences)
                .issueTime(Date.from(issuedAt))
                .jwtID(attributes.id().toString())
                .expirationTime(Date.from(attributes.expiry().instant().orElseThrow(
                        () -> new IllegalArgumentException("a JWT access token must expire"))));
        attributes.client().ifPresent(client -> claims.claim("client_id", client.value()));
        // RFC 9449 section 6.1: a resource server that checks the proof itself finds the key's thumbprint here.
        attributes.proofKey().ifPresent(key -> claims.claim("cnf", java.util.Map.of("jkt", key.value())));
        if (!attributes.scopes().values().isEmpty()) {
            claims.claim("scope", attributes.scopes().asSpaceDelimited());
        }
        if (signingKeys.inUse()) {
            JWK key = signingKeys.signingKey();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(accessTokenAlgorithm).type(ACCESS_TOKEN_TYPE)
                    .keyID(key.getKeyID()).build(), claims.build());
            try {
                jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey()));
            } catch (JOSEException failure) {
                throw new IllegalStateException("could not sign a JWT", failure);
            }
            return jwt.serialize();
        }
        return sign(ACCESS_TOKEN_TYPE, claims.build());
    }

    /**
     * The account profile, claim for claim as Datasentinel's user tokens carry them: {@code exp}, {@code iat},
     * {@code database} (the organization), {@code email}, {@code user}, plus the {@code jti} that makes it revocable.
     */
    @Override
    public String encodeWithAccountClaims(TokenAttributes attributes, Instant issuedAt, Account owner) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(attributes.expiry().instant().orElseThrow(
                        () -> new IllegalArgumentException("an account JWT must expire"))))
                .issueTime(Date.from(issuedAt))
                .claim(DATABASE_CLAIM, owner.organization().map(Organization::name).orElse(""))
                .claim("email", owner.email().map(EmailAddress::value).orElse(""))
                .claim(USER_CLAIM, owner.username().value())
                .jwtID(attributes.id().toString())
                .build();
        return sign(JOSEObjectType.JWT, claims);
    }

    private String sign(JOSEObjectType type, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).type(type).build(), claims);
        try {
            jwt.sign(new MACSigner(key()));
        } catch (JOSEException failure) {
            throw new IllegalStateException("could not sign a JWT", failure);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<TokenId> verify(String presented) {
        if (presented.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(presented);
        } catch (ParseException notASignedJwt) {
            return Optional.empty();
        }
        JOSEObjectType type = jwt.getHeader().getType();
        boolean accessToken = ACCESS_TOKEN_TYPE.equals(type) && !issuer.isEmpty();
        boolean accountToken = JOSEObjectType.JWT.equals(type);
        JWSAlgorithm expected = accessToken ? accessTokenAlgorithm : ALGORITHM;
        if (!expected.equals(jwt.getHeader().getAlgorithm()) || !(accessToken || accountToken)) {
            return Optional.empty();
        }
        if (!signatureHolds(jwt, accessToken)) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            // An expired JWT still names its token: the domain refuses it from the stored expiry, which exp mirrors,
            // and can then say "expired" (Masters India answers an expired refresh token differently).
            if (claims.getExpirationTime() == null) {
                return Optional.empty();
            }
            boolean profileHolds = accessToken
                    ? issuer.equals(claims.getIssuer()) && claims.getAudience() != null
                            && claims.getAudience().contains(audience)
                    : claims.getClaim(USER_CLAIM) instanceof String && claims.getClaim(DATABASE_CLAIM) instanceof String;
            return profileHolds ? TokenId.parse(claims.getJWTID()) : Optional.empty();
        } catch (ParseException malformedClaims) {
            return Optional.empty();
        }
    }

    /**
     * The signature check, where it is worth its cost. An ES256 or RS256 access token is checked only for naming a
     * published key: Latchkey accepts a JWT only when its SHA-256 is the one stored under its {@code jti}, which the
     * exact JWT it issued alone has, and that is stronger than any signature. An ES256 verification costs 1.4 ms on
     * JDK 17 here, measured; done twice per request it held JWT introspection to 630 req/s (0.013 of the bare
     * ceiling), and it let every forged JWT cost that much. Resource servers, which have no store to ask, verify the
     * signature against the published keys. An HMAC costs microseconds and stays.
     */
    private boolean signatureHolds(SignedJWT jwt, boolean accessToken) {
        if (!accessToken || !signingKeys.inUse()) {
            return JwtValidator.builder().withSignatures(signature()).build().validate(jwt, null).isPresent();
        }
        String kid = jwt.getHeader().getKeyID();
        return kid != null && signingKeys.publishes(kid);
    }

    private SecretSignature signature() {
        SecretSignature current = signature;
        if (current == null) {
            SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("latchkey-access-tokens");
            configuration.setJwsAlgorithm(ALGORITHM);
            configuration.setBase64(true);
            configuration.setSecret(Base64.getEncoder().encodeToString(key()));
            current = new SecretSignature(configuration);
            signature = current;
        }
        return current;
    }

    private byte[] key() {
        if (configuredSecret != null && !configuredSecret.isEmpty()) {
            return configuredSecret.getBytes(StandardCharsets.UTF_8);
        }
        return serverKeys.keyFor(KEY_PURPOSE);
    }
}
