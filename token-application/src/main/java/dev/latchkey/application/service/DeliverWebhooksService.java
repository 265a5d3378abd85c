package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeliverWebhooksUseCase;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.application.port.out.WebhookDeliveryPort.Attempt;
import dev.latchkey.application.port.out.WebhookDeliveryPort.Next;
import dev.latchkey.application.port.out.WebhookEndpointPort;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.DeliverySchedule;
import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookMessage;
import dev.latchkey.domain.WebhookPayload;
import dev.latchkey.domain.WebhookSecret;
import dev.latchkey.domain.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class DeliverWebhooksService implements DeliverWebhooksUseCase {

    /** How long a claim holds: several request timeouts, renewed before each request. */
    static final Duration CLAIM = Duration.ofMinutes(1);
    /** An endpoint that fails every delivery this long is disabled. */
    static final Duration DISABLED_AFTER_FAILING = DeliverySchedule.GIVE_UP_AFTER;
    /** Messages one claim sends before the endpoint is given back, so that a busy endpoint cannot hold a sender. */
    static final int MESSAGES_PER_CLAIM = 500;
    private static final int GONE = 410;

    private final String node;
    private final WebhookDeliveryPort deliveries;
    private final WebhookEndpointPort endpoints;
    private final WebhookSenderPort sender;
    private final LoadTokenPort tokens;
    private final TransactionPort transactions;
    private final RecordAuditEventPort audit;
    private final RandomnessPort randomness;
    private final Clock clock;

    DeliverWebhooksService(String node, WebhookDeliveryPort deliveries, WebhookEndpointPort endpoints,
                           WebhookSenderPort sender, LoadTokenPort tokens, TransactionPort transactions,
                           RecordAuditEventPort audit, RandomnessPort randomness, Clock clock) {
        this.node = node;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.sender = sender;
        this.tokens = tokens;
        this.transactions = transactions;
        this.audit = audit;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public List<WebhookEndpointId> claimDue(int max) {
        Instant now = clock.instant();
        return deliveries.claimDue(node, now, now.plus(CLAIM), max);
    }

    @Override
    public int sendClaimed(WebhookEndpointId id) {
        int delivered = 0;
        try {
            Optional<WebhookEndpoint> endpoint = endpoints.find(id).filter(WebhookEndpoint::enabled);
            while (endpoint.isPresent() && delivered < MESSAGES_PER_CLAIM
                    && deliveries.renewClaim(id, node, clock.instant().plus(CLAIM))) {
                Optional<WebhookMessage> due = deliveries.due(id, clock.instant());
                if (due.isEmpty() || !send(endpoint.get(), due.get())) {
                    break;
                }
                delivered++;
            }
        } finally {
            deliveries.release(id, node);
        }
        return delivered;
    }

    /** One attempt at the message; true when it was delivered. */
    private boolean send(WebhookEndpoint endpoint, WebhookMessage message) {
        Instant now = clock.instant();
        byte[] body = WebhookPayload.of(message, message.event().token().flatMap(tokens::loadById)
                .map(token -> new WebhookPayload.TokenFacts(token.kind(), token.client(), token.scopes())));
        List<WebhookSecret> secrets = endpoints.signingSecrets(endpoint.id(), now);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", message.messageId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.header(secrets, message.messageId(), timestamp, body));
        WebhookSenderPort.Response response = sender.send(endpoint.url(), headers, body);
        Attempt attempt = new Attempt(now, response.status(), response.duration(), response.excerpt());
        if (attempt.succeeded()) {
            deliveries.recordAttempt(message, attempt, new Next.Delivered());
            return true;
        }
        boolean gone = response.status().filter(status -> status == GONE).isPresent();
        Optional<Instant> retryAt = gone ? Optional.empty() : DeliverySchedule.nextAttempt(
                message.firstAttemptAt().orElse(now), message.attempts() + 1, now, RetryJitter.spread(randomness));
        deliveries.recordAttempt(message, attempt, retryAt.<Next>map(Next.RetryAt::new).orElse(new Next.GivenUp()));
        Instant firstAttempt = message.firstAttemptAt().orElse(now);
        // Failing for three days: nothing delivered since failures began three days ago, or since this message's
        // first attempt now that its three days of retries are spent.
        boolean failingTooLong = deliveries.failingSince(endpoint.id()).filter(since ->
                !since.plus(DISABLED_AFTER_FAILING).isAfter(now)
                        || retryAt.isEmpty() && !since.isAfter(firstAttempt)).isPresent();
        if (gone) {
            disable(endpoint, "answered 410 Gone");
        } else if (failingTooLong) {
            disable(endpoint, "every delivery failed for " + DISABLED_AFTER_FAILING.toDays() + " days");
        }
        return false;
    }

    private void disable(WebhookEndpoint endpoint, String reason) {
        transactions.inTransaction(() -> {
            if (!endpoints.disable(endpoint.id(), reason)) {
                // Stopped already, by an administrator or another node: nothing more to record.
                return null;
            }
            audit.record(AuditEvent.of(clock.instant(), AuditEventType.WEBHOOK_DISABLED, Actor.system(),
                    Optional.empty(), Optional.empty(), AuditText.printable("webhook=" + endpoint.id() + " host="
                            + endpoint.url().getHost() + " reason=" + reason.replace(' ', '-'), 480)));
            return null;
        });
    }
}
