package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.DeliverWebhooksUseCase;
import dev.latchkey.domain.WebhookEndpointId;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's webhook sending, once its server is up (a command run from the same jar sends nothing): every poll
 * interval, claims the endpoints whose next message is due, as many as it has free senders, and sends each one's
 * messages from a sender of its own, so that a slow endpoint holds only its own queue (ADR 18).
 */
@Singleton
final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DeliverWebhooksUseCase deliveries;
    private final Duration pollInterval;
    private final int senderCount;
    private final Set<WebhookEndpointId> sending = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService poller;
    private ExecutorService senders;

    WebhookDispatcher(DeliverWebhooksUseCase deliveries,
                      @Value("${latchkey.webhooks.poll-interval:1s}") Duration pollInterval,
                      @Value("${latchkey.webhooks.senders:4}") int senderCount) {
        this.deliveries = deliveries;
        this.pollInterval = pollInterval;
        this.senderCount = Math.max(1, senderCount);
    }

    @EventListener
    synchronized void onStartup(ServerStartupEvent started) {
        if (poller != null) {
            return;
        }
        AtomicInteger numbers = new AtomicInteger();
        senders = Executors.newFixedThreadPool(senderCount, runnable -> daemon(runnable,
                "latchkey-webhook-sender-" + numbers.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "latchkey-webhook-poller"));
        poller.scheduleWithFixedDelay(this::pollQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private void pollQuietly() {
        try {
            int free = senderCount - sending.size();
            if (free <= 0) {
                return;
            }
            List<WebhookEndpointId> claimed = deliveries.claimDue(free);
            for (WebhookEndpointId endpoint : claimed) {
                sending.add(endpoint);
                senders.execute(() -> {
                    try {
                        deliveries.sendClaimed(endpoint);
                    } catch (RuntimeException failed) {
                        // The claim lapses and the message waits for the next holder; nothing is lost.
                        LOG.warn("Sending webhook endpoint {}'s messages failed: {}", endpoint, failed.toString());
                    } finally {
                        sending.remove(endpoint);
                    }
                });
            }
        } catch (RuntimeException failed) {
            LOG.warn("Looking for webhook messages to send failed; trying again in {}: {}", pollInterval,
                    failed.toString());
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        senders.shutdown();
        // A request under way ends within its timeout; a node stopped sooner leaves its claims to lapse.
        senders.awaitTermination(11, TimeUnit.SECONDS);
        senders.shutdownNow();
    }
}
