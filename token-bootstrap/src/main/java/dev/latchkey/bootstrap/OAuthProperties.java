package dev.latchkey.bootstrap;

import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.Lifetime;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;

/** {@code latchkey.oauth.*}: the token endpoint's lifetimes and refresh-token reuse leeway, handed to the core as a {@link GrantPolicy}. */
@ConfigurationProperties(OAuthProperties.PREFIX)
public class OAuthProperties {

    public static final String PREFIX = "latchkey.oauth";
    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    /**
     * A JWT verified offline cannot be revoked before it expires (docs/oauth.md), so JWT access tokens live shortly
     * unless configured otherwise.
     */
    public static final Duration DEFAULT_JWT_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
    public static final Duration DEFAULT_REFRESH_TOKEN_REUSE_LEEWAY = Duration.ofSeconds(2);

    private Duration accessTokenLifetime;
    private Duration refreshTokenLifetime = DEFAULT_REFRESH_TOKEN_LIFETIME;
    private Duration refreshTokenReuseLeeway = DEFAULT_REFRESH_TOKEN_REUSE_LEEWAY;
    private GrantPolicy.AccessTokenFormat accessTokenFormat = GrantPolicy.AccessTokenFormat.OPAQUE;
    private String issuer;

    public GrantPolicy.AccessTokenFormat getAccessTokenFormat() {
        return accessTokenFormat;
    }

    public void setAccessTokenFormat(GrantPolicy.AccessTokenFormat accessTokenFormat) {
        this.accessTokenFormat = accessTokenFormat;
    }

    /** The issuer identifier: the JWT {@code iss} and the metadata's {@code issuer}; required for JWT access tokens. */
    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    /** As configured; unset, 1 hour for opaque access tokens and 5 minutes for JWTs. */
    public Duration getAccessTokenLifetime() {
        if (accessTokenLifetime != null) {
            return accessTokenLifetime;
        }
        return accessTokenFormat == GrantPolicy.AccessTokenFormat.JWT ? DEFAULT_JWT_ACCESS_TOKEN_LIFETIME
                : DEFAULT_ACCESS_TOKEN_LIFETIME;
    }

    public void setAccessTokenLifetime(Duration accessTokenLifetime) {
        this.accessTokenLifetime = accessTokenLifetime;
    }

    public Duration getRefreshTokenLifetime() {
        return refreshTokenLifetime;
    }

    public void setRefreshTokenLifetime(Duration refreshTokenLifetime) {
        this.refreshTokenLifetime = refreshTokenLifetime;
    }

    public Duration getRefreshTokenReuseLeeway() {
        return refreshTokenReuseLeeway;
    }

    public void setRefreshTokenReuseLeeway(Duration refreshTokenReuseLeeway) {
        this.refreshTokenReuseLeeway = refreshTokenReuseLeeway;
    }

    GrantPolicy toGrantPolicy() {
        if (accessTokenFormat == GrantPolicy.AccessTokenFormat.JWT && (issuer == null || issuer.isBlank())) {
            throw new ConfigurationException("latchkey.oauth.access-token-format=jwt needs latchkey.issuer (LATCHKEY_ISSUER), "
                    + "the issuer identifier the JWTs will carry (for example https://tokens.example.com)");
        }
        return GrantPolicy.standard(Lifetime.of(getAccessTokenLifetime()), Lifetime.of(refreshTokenLifetime),
                refreshTokenReuseLeeway, accessTokenFormat);
    }
}
