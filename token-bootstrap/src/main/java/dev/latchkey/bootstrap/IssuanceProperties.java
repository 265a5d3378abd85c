package dev.latchkey.bootstrap;

import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.Lifetime;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code latchkey.issuance.*}: how long tokens live, and how many active ones an account may hold. Read once at start-up and handed to the core as an
 * {@link IssuancePolicy}, which rejects inconsistent settings (a default above the maximum, say) before the server
 * accepts a request.
 */
@ConfigurationProperties(IssuanceProperties.PREFIX)
public class IssuanceProperties {

    public static final String PREFIX = "latchkey.issuance";
    public static final Duration DEFAULT_DEFAULT_LIFETIME = Duration.ofDays(30);
    public static final Duration DEFAULT_MAXIMUM_LIFETIME = Duration.ofDays(365);
    public static final boolean DEFAULT_NEVER_EXPIRING_ALLOWED = true;

    private Duration defaultLifetime = DEFAULT_DEFAULT_LIFETIME;
    private Duration maximumLifetime = DEFAULT_MAXIMUM_LIFETIME;
    private boolean neverExpiringAllowed = DEFAULT_NEVER_EXPIRING_ALLOWED;
    private int maximumActiveTokensPerAccount = IssuancePolicy.DEFAULT_MAXIMUM_ACTIVE_TOKENS_PER_ACCOUNT;

    public Duration getDefaultLifetime() {
        return defaultLifetime;
    }

    public void setDefaultLifetime(Duration defaultLifetime) {
        this.defaultLifetime = defaultLifetime;
    }

    public Duration getMaximumLifetime() {
        return maximumLifetime;
    }

    public void setMaximumLifetime(Duration maximumLifetime) {
        this.maximumLifetime = maximumLifetime;
    }

    public boolean isNeverExpiringAllowed() {
        return neverExpiringAllowed;
    }

    public void setNeverExpiringAllowed(boolean neverExpiringAllowed) {
        this.neverExpiringAllowed = neverExpiringAllowed;
    }

    /** A ceiling on every account's active personal tokens, over any policy's own limit. */
    public int getMaximumActiveTokensPerAccount() {
        return maximumActiveTokensPerAccount;
    }

    public void setMaximumActiveTokensPerAccount(int maximumActiveTokensPerAccount) {
        this.maximumActiveTokensPerAccount = maximumActiveTokensPerAccount;
    }

    IssuancePolicy toPolicy() {
        return new IssuancePolicy(Lifetime.of(defaultLifetime), maximumLifetime, neverExpiringAllowed,
                maximumActiveTokensPerAccount);
    }
}
