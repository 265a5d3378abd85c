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
            try {
                return Lifetime.of(tokenLifetime);
            } catch (InvalidValueException invalid) {
                throw new IllegalStateException(getClass().getSimpleName() + " token-lifetime " + invalid.reason());
            }
        }
    }
}
