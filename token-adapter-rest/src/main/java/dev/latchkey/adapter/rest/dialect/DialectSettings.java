package dev.latchkey.adapter.rest.dialect;

import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code latchkey.dialects.<platform>.token-lifetime}: how long a token issued through a dialect lives, by default
 * what the platform documents. Read once here rather than in each controller.
 */
public final class DialectSettings {

    public static final String PREFIX = "latchkey.dialects";

    private DialectSettings() {
    }

    /** The Sample Token API's tokens: 14 days, as its documentation says. */
    @ConfigurationProperties(PREFIX + ".sampletoken")
    public static final class SampleToken extends TokenLifetime {
        public SampleToken() {
            super(Duration.ofDays(14));
        }
    }

    /** Sirdata's partner tokens: 24 hours. */
    @ConfigurationProperties(PREFIX + ".sirdata")
    public static final class Sirdata extends TokenLifetime {
        public Sirdata() {
            super(Duration.ofHours(24));
        }
    }

    /** Datasentinel's user tokens: 24 hours. */
    @ConfigurationProperties(PREFIX + ".datasentinel")
    public static final class Datasentinel extends TokenLifetime {
        public Datasentinel() {
            super(Duration.ofHours(24));
        }
    }

    /** Masters India's grants: a 24-hour access token and a 30-day refresh token, as the platform's. */
    @ConfigurationProperties(PREFIX + ".mastersindia")
    public static final class MastersIndia {

        private Duration accessTokenLifetime = Duration.ofHours(24);
        private Duration refreshTokenLifetime = Duration.ofDays(30);

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

        public Lifetime accessTokens() {
            return TokenLifetime.positive("MastersIndia access-token-lifetime", accessTokenLifetime);
        }

        public Lifetime refreshTokens() {
            return TokenLifetime.positive("MastersIndia refresh-token-lifetime", refreshTokenLifetime);
        }
    }

    /** One dialect's token lifetime, refused at start-up unless positive. */
    public abstract static class TokenLifetime {

        private Duration tokenLifetime;

        TokenLifetime(Duration platformDefault) {
            this.tokenLifetime = platformDefault;
        }

        public Duration getTokenLifetime() {
            return tokenLifetime;
        }

        public void setTokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = tokenLifetime;
        }

        public Lifetime lifetime() {
            return positive(getClass().getSimpleName() + " token-lifetime", tokenLifetime);
        }

        static Lifetime positive(String setting, Duration duration) {
            try {
                return Lifetime.of(duration);
            } catch (InvalidValueException invalid) {
                throw new IllegalStateException(setting + " " + invalid.reason());
            }
        }
    }
}
