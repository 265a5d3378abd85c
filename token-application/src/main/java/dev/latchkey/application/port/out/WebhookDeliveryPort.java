package dev.latchkey.application.port.out;

import dev.latchkey.domain.OutboundEvent;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox of webhook messages, shared by every node (ADR 18): which node sends an endpoint's messages, the oldest
 * of them, and what became of each attempt. Messages announcing audit entries are written with the entries by the
 * store; those that announce nothing the trail records are written here.
 */
public interface WebhookDeliveryPort {

    /**
     * Claims for this node, until {@code until}, up to {@code max} enabled endpoints whose oldest pending message is
     * due at {@code now} and that no other node holds (or whose holder's claim lapsed).
     */
    List<WebhookEndpointId> claimDue(String node, Instant now, Instant until, int max);

    /** Extends this node's claim; false when the node no longer holds the endpoint. */
    boolean renewClaim(WebhookEndpointId endpoint, String node, Instant until);

    /** Gives the endpoint back, so that any node may take it when its next message is due. */
    void release(WebhookEndpointId endpoint, String node);

    /** The endpoint's oldest pending message, if it is due at {@code now}. */
    Optional<WebhookMessage> due(WebhookEndpointId endpoint, Instant now);

    /** Records an attempt at a message and what follows from it. */
    void recordAttempt(WebhookMessage message, Attempt attempt, Next next);

    /** Writes a message that announces an event the audit trail does not record, to one endpoint. */
    WebhookMessage enqueue(WebhookEndpointId endpoint, OutboundEvent event);

    /** The endpoint's newest messages, each with its attempts, the newest first. */
    List<Delivery> recent(WebhookEndpointId endpoint, int limit);

    /** Sends a delivered or given-up message again, under its id, after the endpoint's pending ones; false if none. */
    boolean redeliver(WebhookEndpointId endpoint, String messageId, Instant now);

    /** When the endpoint's deliveries started to fail and have failed since; empty when the last one succeeded. */
    Optional<Instant> failingSince(WebhookEndpointId endpoint);

    /**
     * One attempt: when, the HTTP status if an answer came, how long it took, and the first kilobyte of the answer or
     * why none came.
     */
    record Attempt(Instant at, Optional<Integer> status, Duration duration, String response) {
        /** What of an answer is kept. */
        public static final int MAX_RESPONSE_LENGTH = 1024;

        public Attempt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(duration, "duration");
            response = response.length() > MAX_RESPONSE_LENGTH ? response.substring(0, MAX_RESPONSE_LENGTH)
                    : response;
        }

        public boolean succeeded() {
            return status.filter(code -> code >= 200 && code < 300).isPresent();
        }
    }

    /** What follows an attempt. */
    sealed interface Next {
        /** The receiver took it. */
        record Delivered() implements Next {
        }

        /** It is tried again at {@code at}. */
        record RetryAt(Instant at) implements Next {
        }

        /** It is given up: three days of failures, or the endpoint is gone. */
        record GivenUp() implements Next {
        }
    }

    /** A message as an administrator sees it: its state and every attempt, the newest first. */
    record Delivery(WebhookMessage message, String state, Optional<Instant> nextAttemptAt, List<Attempt> attempts) {
        public Delivery {
            attempts = List.copyOf(attempts);
        }
    }
}
