package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The webhook endpoints an administrator sees in the console, each with its newest deliveries. */
public record WebhooksView(Frame frame, List<Endpoint> endpoints) {

    public record Endpoint(String url, String description, Optional<String> organization, List<String> events,
                           boolean enabled, Optional<String> disabledReason, Instant createdAt,
                           List<Delivery> deliveries) {
    }

    /** One message: its event, its state, and its latest attempt's status, if an answer came. */
    public record Delivery(String type, Instant occurredAt, String state, int attempts,
                           Optional<Integer> lastStatus, Optional<String> lastResponse) {
    }
}
