package dev.latchkey.bootstrap;

import dev.latchkey.domain.ExpiryNotices;
import dev.latchkey.domain.InvalidValueException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code latchkey.notifications.*}: the thresholds before a token's expiry at which its owner is warned
 * ({@code expiry-warnings}, 7 days and 1 day unless set; an empty list warns at none, and the expiry itself is still
 * announced), and how often each node runs the expiry scan ({@code scan-interval}). Checked at start-up.
 */
@ConfigurationProperties(NotificationProperties.PREFIX)
public class NotificationProperties {

    public static final String PREFIX = "latchkey.notifications";

    private List<Duration> expiryWarnings = new ArrayList<>(List.of(Duration.ofDays(7), Duration.ofDays(1)));
    private Duration scanInterval = Duration.ofMinutes(1);

    public List<Duration> getExpiryWarnings() {
        return expiryWarnings;
    }

    public void setExpiryWarnings(List<Duration> expiryWarnings) {
        this.expiryWarnings = expiryWarnings == null ? new ArrayList<>() : new ArrayList<>(expiryWarnings);
    }

    public Duration getScanInterval() {
        return scanInterval;
    }

    public void setScanInterval(Duration scanInterval) {
        this.scanInterval = scanInterval;
    }

    ExpiryNotices toNotices() {
        try {
            return ExpiryNotices.warningAt(expiryWarnings);
        } catch (InvalidValueException invalid) {
            throw new ConfigurationException(PREFIX + "." + invalid.field() + ": " + invalid.reason());
        }
    }

    Duration scanInterval() {
        if (scanInterval == null || scanInterval.isNegative() || scanInterval.compareTo(Duration.ofSeconds(1)) < 0
                || scanInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationException(PREFIX + ".scan-interval: between 1s and 1h, not " + scanInterval);
        }
        return scanInterval;
    }
}
