package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An error thrown on the store's own threads reaches the uncaught-exception handler (where the bootstrap ends the
 * process on a fatal one), and the work goes on: no schedule ends silently, no issuance waits for a dead writer.
 */
// A separate thread: a writer that died would leave insert() in an uninterruptible join.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackgroundWorkTest {

    @RegisterExtension
    final UncaughtErrors uncaught = new UncaughtErrors();

    @Test
    void anErrorInAScheduledRunIsReportedAndTheScheduleGoesOn() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch ranAgain = new CountDownLatch(3);
        Error injected = new InternalError("injected into the first run");
        ScheduledExecutorService scheduler = BackgroundWork.start("background-work-test", Duration.ZERO,
                Duration.ofMillis(10), () -> {
                    ranAgain.countDown();
                    if (runs.incrementAndGet() == 1) {
                        throw injected;
                    }
                });
        try {
            assertThat(ranAgain.await(10, TimeUnit.SECONDS)).as("runs after the failed one").isTrue();
            assertThat(uncaught.reported()).containsExactly(injected);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
