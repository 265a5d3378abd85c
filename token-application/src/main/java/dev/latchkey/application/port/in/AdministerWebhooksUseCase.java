package dev.latchkey.application.port.in;

import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookMessage;
import dev.latchkey.domain.WebhookSecret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Administrators' webhook endpoints: register one (its signing secret is shown once), list, change, delete, rotate
 * its secret (the old one signs beside the new for a day), send it a test event, see its recent deliveries and send
 * one again. Every change is audited.
 *
 * <p>Each operation throws {@link NotAnAdministratorException} for any other caller, and
 * {@link dev.latchkey.domain.InvalidValueException} for a URL, event type, description or organization that cannot
 * be used, saying why.
 */
public interface AdministerWebhooksUseCase {

    /** How many recent deliveries {@link #deliveries} answers at most. */
    int MAX_DELIVERIES_SHOWN = 100;

    Created create(Caller administrator, Registration registration);

    List<WebhookEndpoint> list(Caller administrator);

    Optional<WebhookEndpoint> find(Caller administrator, WebhookEndpointId id);

    /** The endpoint changed as asked; empty if there is none. */
    Optional<WebhookEndpoint> change(Caller administrator, WebhookEndpointId id, Change change);

    boolean delete(Caller administrator, WebhookEndpointId id);

    /** The endpoint's new secret, shown once; empty if there is no such endpoint. */
    Optional<WebhookSecret> rotateSecret(Caller administrator, WebhookEndpointId id);

    /** Queues a {@code webhook.test} event to the endpoint, whatever it subscribes to; empty if there is none. */
    Optional<WebhookMessage> sendTest(Caller administrator, WebhookEndpointId id);

    /** The endpoint's newest deliveries with their attempts; empty if there is no such endpoint. */
    Optional<List<WebhookDeliveryPort.Delivery>> deliveries(Caller administrator, WebhookEndpointId id, int limit);

    /** Sends a message again under its id; false if the endpoint has no such message, or it is still pending. */
    boolean redeliver(Caller administrator, WebhookEndpointId id, String messageId);

    /** A new endpoint: where, which events, a description, and the organization it is limited to, if any. */
    record Registration(String url, List<String> events, String description, Optional<String> organization) {
        public Registration {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(organization, "organization");
        }
    }

    /**
     * What to change; each field left empty is kept. {@code organization} holds empty to remove the limit, and
     * {@code enabled} true to send again to an endpoint that was disabled.
     */
    record Change(Optional<String> url, Optional<List<String>> events, Optional<String> description,
                  Optional<Optional<String>> organization, Optional<Boolean> enabled) {
        public Change {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(enabled, "enabled");
        }
    }

    /** The endpoint, and its signing secret, shown this once. */
    record Created(WebhookEndpoint endpoint, WebhookSecret secret) {
    }
}
