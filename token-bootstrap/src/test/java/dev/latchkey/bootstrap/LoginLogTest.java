package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoginLogTest {

    private final AtomicLong nanos = new AtomicLong();
    private final LoginLog log = new LoginLog(nanos::get, Scheduler.disabledScheduler());
    private final Logger audit = (Logger) LoggerFactory.getLogger("latchkey.audit");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level configured;
    private boolean additive;

    @BeforeEach
    void listen() {
        lines.start();
        audit.addAppender(lines);
        configured = audit.getLevel();
        additive = audit.isAdditive();
        audit.setLevel(Level.INFO);
        // The lines are checked here, not printed: the console keeps only what a passing build should show.
        audit.setAdditive(false);
    }

    @AfterEach
    void stopListening() {
        audit.detachAppender(lines);
        audit.setLevel(configured);
        audit.setAdditive(additive);
    }

    @Test
    void aFloodOfLimitedLoginsWritesOneLineAndThenItsCount() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            log.limited("admin", "192.0.2.7", Duration.ofSeconds(12));
        }
        assertThat(messages()).containsExactly(
                "login limited username=\"admin\" address=\"192.0.2.7\" retry-after=12s");

        nanos.addAndGet(LoginLog.QUIET_PERIOD.plusSeconds(1).toNanos());
        log.endQuietPeriods();

        assertThat(messages()).hasSize(2).last().asString()
                .isEqualTo("login limited username=\"admin\" address=\"192.0.2.7\" further-refusals=999 in-the-last=60s");
    }

    @Test
    void closingWritesTheCountOfAQuietPeriodNotYetOverAndNothingAfterwards() {
        for (int attempt = 0; attempt < 5; attempt++) {
            log.limited("admin", "192.0.2.7", Duration.ofSeconds(12));
        }
        log.limited("alice", "192.0.2.8", Duration.ofSeconds(12));

        log.close();
        nanos.addAndGet(LoginLog.QUIET_PERIOD.plusSeconds(1).toNanos());
        log.endQuietPeriods();

        assertThat(messages()).containsExactly(
                "login limited username=\"admin\" address=\"192.0.2.7\" retry-after=12s",
                "login limited username=\"alice\" address=\"192.0.2.8\" retry-after=12s",
                "login limited username=\"admin\" address=\"192.0.2.7\" further-refusals=4 in-the-last=60s");
    }

    @Test
    void eachUsernameAndAddressPairGetsItsOwnFirstLine() {
        log.limited("admin", "192.0.2.7", Duration.ofSeconds(1));
        log.limited("admin", "192.0.2.8", Duration.ofSeconds(1));
        log.limited("alice", "192.0.2.7", Duration.ofSeconds(1));
        log.limited("admin", "192.0.2.7", Duration.ofSeconds(1));

        assertThat(messages()).hasSize(3);
    }

    @Test
    void aPairLimitedAgainAfterItsQuietPeriodIsWrittenAgainAndASingleRefusalLeavesNoCountLine() {
        log.limited("admin", "192.0.2.7", Duration.ofSeconds(1));
        nanos.addAndGet(LoginLog.QUIET_PERIOD.plusSeconds(1).toNanos());
        log.endQuietPeriods();
        log.limited("admin", "192.0.2.7", Duration.ofSeconds(1));

        assertThat(messages()).hasSize(2).allSatisfy(line -> assertThat(line).contains("retry-after=1s"));
    }

    @Test
    void refusedLoginsAreEachWrittenSinceTheAllowanceAlreadyBoundsThem() {
        log.refused("admin", "192.0.2.7", AuthenticateUseCase.Reason.BAD_CREDENTIALS);
        log.refused("admin", "192.0.2.7", AuthenticateUseCase.Reason.BAD_CREDENTIALS);

        assertThat(messages()).hasSize(2);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
