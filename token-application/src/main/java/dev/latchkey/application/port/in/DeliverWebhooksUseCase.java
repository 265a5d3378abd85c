package dev.latchkey.application.port.in;

import dev.latchkey.domain.WebhookEndpointId;
import java.util.List;

/**
 * Sends what the outbox holds (ADR 18), as a node's background work: claim the endpoints whose next message is due,
 * then send each claimed endpoint's messages, in order, from a task of its own.
 */
public interface DeliverWebhooksUseCase {

    /** Claims, for this node, up to {@code max} endpoints whose oldest pending message is due. */
    List<WebhookEndpointId> claimDue(int max);

    /**
     * Sends the claimed endpoint's due messages oldest first, until none is due, one fails (it is then scheduled again
     * or given up) or the claim is lost; then gives the endpoint back. Answers how many were delivered.
     */
    int sendClaimed(WebhookEndpointId endpoint);
}
