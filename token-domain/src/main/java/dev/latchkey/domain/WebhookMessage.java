package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one endpoint: the id receivers deduplicate by ({@code webhook-id}), the event, and how often
 * it was tried. {@code sequence} orders an endpoint's messages.
 */
public record WebhookMessage(long sequence, WebhookEndpointId endpoint, String messageId, OutboundEvent event,
                             int attempts, Optional<Instant> firstAttemptAt) {

    public WebhookMessage {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
    }
}
