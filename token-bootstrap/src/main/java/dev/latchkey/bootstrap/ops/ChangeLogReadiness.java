package dev.latchkey.bootstrap.ops;

import dev.latchkey.adapter.persistence.changelog.ChangeFeedStatus;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Ready only while this node reads the change log: a node that has not for longer than
 * {@code latchkey.health.change-log-max-age} (30 s) answers every token check from the store, and cannot see other
 * nodes' revocations in time.
 */
@Singleton
@Readiness
final class ChangeLogReadiness implements HealthIndicator {

    private final ChangeFeedStatus feed;
    private final Duration maximumAge;

    ChangeLogReadiness(ChangeFeedStatus feed,
                       @Value("${latchkey.health.change-log-max-age:30s}") Duration maximumAge) {
        this.feed = feed;
        this.maximumAge = maximumAge;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Duration age = feed.age();
        return Mono.just(HealthResult.builder("changeLog", age.compareTo(maximumAge) <= 0 ? HealthStatus.UP
                : HealthStatus.DOWN).details(Map.of("lastReadMillisAgo", age.toMillis())).build());
    }
}
