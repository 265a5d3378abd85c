package dev.latchkey.bootstrap.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.concurrent.TimeUnit;

/**
 * {@code latchkey_introspection_seconds}: how long RFC 7662 introspection takes, with histogram buckets, by outcome
 * class. Only this path is timed: timing every request cost a quarter of the token check's throughput.
 */
@ServerFilter("/oauth2/introspect")
final class IntrospectionTimer {

    private static final String STARTED = "latchkey.introspection.started";

    private final Timer answered;
    private final Timer refused;

    IntrospectionTimer(MeterRegistry registry) {
        this.answered = timer(registry, "2xx");
        this.refused = timer(registry, "other");
    }

    private static Timer timer(MeterRegistry registry, String status) {
        return Timer.builder("latchkey.introspection")
                .description("RFC 7662 introspection, from request to response")
                .tag("status", status)
                .publishPercentileHistogram()
                .register(registry);
    }

    @RequestFilter
    void started(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void ended(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(STARTED, Long.class).ifPresent(started ->
                (response.code() < 300 ? answered : refused).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }
}
