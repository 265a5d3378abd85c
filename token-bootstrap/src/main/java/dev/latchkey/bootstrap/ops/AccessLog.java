package dev.latchkey.bootstrap.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request in the {@code latchkey.access} log: method, path without its query string (which can carry a
 * token), status, duration and the account that made it, or {@code -}. The log is asynchronous (logback.xml), so a
 * request never waits for its line. Off unless {@code LOGGER_LEVELS_LATCHKEY_ACCESS=INFO}: it cost 40% of the token
 * check's throughput in the benchmark, and when off, the filter does not exist, so no request is matched against it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "logger.levels.latchkey.access", pattern = "(?i)(INFO|DEBUG|TRACE|ALL)")
final class AccessLog implements Ordered {

    private static final Logger ACCESS = LoggerFactory.getLogger("latchkey.access");
    private static final String STARTED = "latchkey.access.started";

    /** First of all filters, so that it also sees the requests that the security filter answers itself. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    void started(HttpRequest<?> request) {
        if (ACCESS.isInfoEnabled()) {
            request.setAttribute(STARTED, System.nanoTime());
        }
    }

    @ResponseFilter
    void answered(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        long micros = request.getAttribute(STARTED, Long.class)
                .map(started -> (System.nanoTime() - started) / 1_000).orElse(-1L);
        String account = request.getUserPrincipal(Authentication.class).map(Authentication::getName).orElse("-");
        ACCESS.info("{} {} {} {}ms {}", request.getMethodName(), printable(request.getPath()), response.code(),
                String.format("%.1f", micros / 1000.0), printable(account));
    }

    /** A path or name as written: control characters escaped, so that no request can forge a log line. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().limit(512).forEach(point -> {
            if (point < 0x20 || point == 0x7f) {
                shown.append(String.format("\\u%04x", point));
            } else {
                shown.appendCodePoint(point);
            }
        });
        return shown.toString();
    }
}
