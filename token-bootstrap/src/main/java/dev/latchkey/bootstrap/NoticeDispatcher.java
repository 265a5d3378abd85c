package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.AnnounceExpiriesUseCase;
import dev.latchkey.application.port.in.DeliverMailUseCase;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's owners' notices, once its server is up (a command run from the same jar sends nothing): the expiry scan
 * every scan interval, and, where a mail relay is configured, the mail that is due every mail poll interval. Both run
 * on every node; the store makes each announcement and each message happen once.
 */
@Singleton
final class NoticeDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeDispatcher.class);
    /** Messages one poll sends before it lets the scan run: a relay's pace, not a flood. */
    private static final int MAIL_PER_POLL = 50;

    private final AnnounceExpiriesUseCase expiries;
    private final Optional<DeliverMailUseCase> mail;
    private final Duration scanInterval;
    private final Duration mailPollInterval;
    private ScheduledExecutorService worker;

    NoticeDispatcher(AnnounceExpiriesUseCase expiries, Optional<DeliverMailUseCase> mail,
                     NotificationProperties notifications,
                     @Value("${latchkey.mail.poll-interval:5s}") Duration mailPollInterval) {
        this.expiries = expiries;
        this.mail = mail;
        this.scanInterval = notifications.scanInterval();
        this.mailPollInterval = mailPollInterval;
    }

    @EventListener
    synchronized void onStartup(ServerStartupEvent started) {
        if (worker != null) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "latchkey-notices");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::scanQuietly, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
        mail.ifPresent(delivery -> worker.scheduleWithFixedDelay(() -> sendQuietly(delivery),
                mailPollInterval.toMillis(), mailPollInterval.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void scanQuietly() {
        try {
            int announced = expiries.scan();
            if (announced > 0) {
                LOG.info("The expiry scan announced {} token(s) expiring or expired", announced);
            }
        } catch (RuntimeException failed) {
            // The cursors did not move: the next scan passes the same tokens.
            LOG.warn("The expiry scan failed; it runs again in {}: {}", scanInterval, failed.toString());
        }
    }

    private void sendQuietly(DeliverMailUseCase delivery) {
        try {
            delivery.sendDue(MAIL_PER_POLL);
        } catch (RuntimeException failed) {
            // A message claimed and not recorded waits for its claim to lapse; nothing is lost.
            LOG.warn("Sending owners' mail failed; trying again in {}: {}", mailPollInterval, failed.toString());
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (worker == null) {
            return;
        }
        worker.shutdown();
        // A message under way ends within the relay's timeout; a node stopped sooner leaves its claim to lapse.
        if (!worker.awaitTermination(11, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }
}
