package dev.latchkey.adapter.persistence.authorizations;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes codes, device requests and pushed requests a day after they expired. Until then a redeemed code presented
 * again is still known for a replay, and revokes what it got; after that nobody holds a copy worth replaying.
 */
@Singleton
class AuthorizationsInFlightRetention {

    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final AuthorizationCodeRepository codes;
    private final DeviceAuthorizationRepository devices;
    private final PushedRequestRepository pushedRequests;
    private final Clock clock = Clock.systemUTC();

    AuthorizationsInFlightRetention(AuthorizationCodeRepository codes, DeviceAuthorizationRepository devices,
                                    PushedRequestRepository pushedRequests) {
        this.codes = codes;
        this.devices = devices;
        this.pushedRequests = pushedRequests;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "2m")
    long purge() {
        Instant before = clock.instant().minus(KEPT_AFTER_EXPIRY);
        return codes.deleteExpiredBefore(before) + devices.deleteExpiredBefore(before)
                + pushedRequests.deleteExpiredBefore(before);
    }
}
