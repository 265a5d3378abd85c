package dev.latchkey.bootstrap;

import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.Lifetime;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code latchkey.oauth.*}: the token endpoint's lifetimes and refresh-token reuse leeway, handed to the core as a {@link GrantPolicy}. */
@ConfigurationProperties(OAuthProperties.PREFIX)
public class OAuthProperties {

    public static final String PREFIX = "latchkey.oauth";
    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    public static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
    public static final Duration DEFAULT_REFRESH_TOKEN_REUSE_LEEWAY = Duration.ofSeconds(2);

    private Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    private Duration refreshTokenLifetime = DEFAULT_REFRESH_TOKEN_LIFETIME;
    private Duration refreshTokenReuseLeeway = DEFAULT_REFRESH_TOKEN_REUSE_LEEWAY;

    public Duration getAccessTokenLifetime() {
        return accessTokenLifetime;
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
        return new GrantPolicy(Lifetime.of(accessTokenLifetime), Lifetime.of(refreshTokenLifetime),
                refreshTokenReuseLeeway);
    }
}
