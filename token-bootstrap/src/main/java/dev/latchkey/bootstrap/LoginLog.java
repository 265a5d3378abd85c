package dev.latchkey.bootstrap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.out.LoginAuditPort;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes refused logins to the {@code latchkey.audit} log at INFO, so that guessing shows where operators look. The
 * username is written as presented, with anything but printable ASCII escaped, so that a crafted username cannot forge
 * log lines; the password is never given to this class.
 *
 * <p>A limited login is written once per username and address in each quiet period: a flood is refused by the
 * thousand each second, and a line for each would make the log the flood's target (disk, and the console's lock,
 * which every request thread would queue on). When the period passes with further refusals of the pair, one more line
 * gives their count.
 */
final class LoginLog implements LoginAuditPort, AutoCloseable {

    private static final Logger AUDIT = LoggerFactory.getLogger("latchkey.audit");
    private static final int SHOWN_LENGTH = 80;
    static final Duration QUIET_PERIOD = Duration.ofMinutes(1);

    private record Pair(String username, String address) {
    }

    private final Cache<Pair, AtomicLong> unwrittenLimited;

    LoginLog() {
        // The system scheduler ends each quiet period on time even when no further login comes to end it.
        this(Ticker.systemTicker(), Scheduler.systemScheduler());
    }

    LoginLog(Ticker ticker, Scheduler scheduler) {
        this.unwrittenLimited = Caffeine.newBuilder()
                .expireAfterWrite(QUIET_PERIOD)
                .maximumSize(10_000)
                .ticker(ticker)
                .scheduler(scheduler)
                .executor(Runnable::run)
                .<Pair, AtomicLong>removalListener((pair, unwritten, cause) -> {
                    if (pair != null && unwritten != null && unwritten.get() > 0 && cause != RemovalCause.REPLACED) {
                        AUDIT.info("login limited username={} address={} further-refusals={} in-the-last={}s",
                                pair.username(), pair.address(), unwritten.get(), QUIET_PERIOD.toSeconds());
                    }
                })
                .build();
    }

    @Override
    public void refused(String username, String address, AuthenticateUseCase.Reason reason) {
        AUDIT.info("login refused username={} address={} reason={}", printable(username), printable(address),
                reason);
    }

    @Override
    public void limited(String username, String address, Duration retryAfter) {
        Pair pair = new Pair(printable(username), printable(address));
        AtomicLong unwritten = unwrittenLimited.asMap().putIfAbsent(pair, new AtomicLong());
        if (unwritten != null) {
            unwritten.incrementAndGet();
            return;
        }
        AUDIT.info("login limited username={} address={} retry-after={}s", pair.username(), pair.address(),
                Math.max(1, retryAfter.toSeconds()));
    }

    /** Ends the quiet periods that are over; the scheduler does this by itself. */
    void endQuietPeriods() {
        unwrittenLimited.cleanUp();
    }

    /**
     * Writes the counts of the quiet periods not yet over: a node that stops would otherwise drop them, or write them
     * a minute later from a scheduler that outlives it.
     */
    @Override
    public void close() {
        unwrittenLimited.invalidateAll();
        unwrittenLimited.cleanUp();
    }

    static String printable(String text) {
        StringBuilder shown = new StringBuilder("\"");
        text.codePoints().limit(SHOWN_LENGTH).forEach(codePoint -> {
            if (codePoint >= 0x20 && codePoint < 0x7f && codePoint != '"' && codePoint != '\\') {
                shown.appendCodePoint(codePoint);
            } else {
                shown.append(String.format("\\u%04x", codePoint));
            }
        });
        return shown.append(text.codePointCount(0, text.length()) > SHOWN_LENGTH ? "…\"" : "\"").toString();
    }
}
