package dev.latchkey.application.port.out;

import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookSecret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where webhook endpoints are kept, with their signing secrets (sealed by the master key). Every write joins the
 * caller's transaction, so an endpoint's change and its audit entry commit together; every event committed after an
 * endpoint's creation committed is that endpoint's to receive (ADR 18).
 */
public interface WebhookEndpointPort {

    void create(WebhookEndpoint endpoint, WebhookSecret secret);

    Optional<WebhookEndpoint> find(WebhookEndpointId id);

    /** Every endpoint, the oldest first. */
    List<WebhookEndpoint> list();

    /** Stores the endpoint's URL, description, organization, events and state; false if there is no such endpoint. */
    boolean update(WebhookEndpoint endpoint);

    /**
     * Stops sending to the endpoint, saying why, unless it was stopped already; true when this call stopped it. Only
     * the state is written, so a change an administrator made meanwhile is kept.
     */
    boolean disable(WebhookEndpointId id, String reason);

    /** Deletes the endpoint and its messages; false if there was none. */
    boolean delete(WebhookEndpointId id);

    /**
     * Makes {@code next} the endpoint's secret; the one it replaces still signs beside it until {@code previousUntil}.
     * False if there is no such endpoint.
     */
    boolean rotateSecret(WebhookEndpointId id, WebhookSecret next, Instant previousUntil);

    /** The secrets a delivery made at {@code at} is signed with: the current one, then a previous one still in use. */
    List<WebhookSecret> signingSecrets(WebhookEndpointId id, Instant at);
}
