package dev.latchkey.adapter.rest.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.ServerKeyPort;
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
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * RFC 9068 JWT access tokens, HS256 only: signed with Nimbus and verified with micronaut-security-jwt's
 * {@link JwtValidator} and {@link SecretSignature}.
 *
 * <p>Verification accepts exactly one algorithm and one type before it looks at the signature: {@code alg: none},
 * RS256 (and with it the RS/HS confusion attack), other HMAC strengths and untyped JWTs are all rejected. Then the
 * issuer, audience and expiry must match. The key is {@code latchkey.oauth.jwt.secret} if configured (at least 32
 * bytes), otherwise 32 random bytes the service generated once and keeps in its store, shared by every node.
 */
@Singleton
public class JwtAccessTokens implements JwtAccessTokenPort {

    static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;
    static final String KEY_PURPOSE = "jwt-hs256";
    private static final int MIN_KEY_BYTES = 32;

    private final ServerKeyPort serverKeys;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final String configuredSecret;
    private volatile SecretSignature signature;

    JwtAccessTokens(ServerKeyPort serverKeys, Clock clock,
                    @Nullable @Value("${latchkey.oauth.issuer:}") String issuer,
                    @Nullable @Value("${latchkey.oauth.jwt.audience:}") String audience,
                    @Nullable @Value("${latchkey.oauth.jwt.secret:}") String configuredSecret) {
        this.serverKeys = serverKeys;
        this.clock = clock;
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
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(attributes.owner().toString())
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .jwtID(attributes.id().toString())
                .expirationTime(Date.from(attributes.expiry().instant().orElseThrow(
                        () -> new IllegalArgumentException("a JWT access token must expire"))));
        attributes.client().ifPresent(client -> claims.claim("client_id", client.value()));
        if (!attributes.scopes().values().isEmpty()) {
            claims.claim("scope", attributes.scopes().asSpaceDelimited());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).type(ACCESS_TOKEN_TYPE).build(), claims.build());
        try {
            jwt.sign(new MACSigner(key()));
        } catch (JOSEException failure) {
            throw new IllegalStateException("could not sign a JWT access token", failure);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<TokenId> verify(String presented) {
        if (issuer.isEmpty() || presented.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(presented);
        } catch (ParseException notASignedJwt) {
            return Optional.empty();
        }
        if (!ALGORITHM.equals(jwt.getHeader().getAlgorithm())
                || !ACCESS_TOKEN_TYPE.equals(jwt.getHeader().getType())) {
            return Optional.empty();
        }
        if (JwtValidator.builder().withSignatures(signature()).build().validate(jwt, null).isEmpty()) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer()) || claims.getAudience() == null
                    || !claims.getAudience().contains(audience) || expiry == null
                    || !expiry.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return TokenId.parse(claims.getJWTID());
        } catch (ParseException malformedClaims) {
            return Optional.empty();
        }
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
