package dev.latchkey.application.service;

import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.application.port.out.WebhookDestinationsPort;
import dev.latchkey.application.port.out.WebhookEndpointPort;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.OutboundEvent;
import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookMessage;
import dev.latchkey.domain.WebhookSecret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Endpoints, their outbox and a receiver, in memory: the outbox's rules as the store keeps them (one holder per
 * endpoint, oldest pending first), and a sender that records each request and answers what the test scripts.
 */
final class InMemoryWebhooks implements WebhookEndpointPort, WebhookDeliveryPort, WebhookDestinationsPort,
        WebhookSenderPort {

    private record Stored(WebhookEndpoint endpoint, WebhookSecret secret, Optional<WebhookSecret> previous,
                          Instant previousUntil, Optional<String> holder, Instant claimedUntil,
                          Optional<Instant> failingSince) {
    }

    private static final class Row {
        WebhookMessage message;
        String state = "PENDING";
        Instant nextAttemptAt;
        final List<Attempt> attempts = new ArrayList<>();

        Row(WebhookMessage message, Instant nextAttemptAt) {
            this.message = message;
            this.nextAttemptAt = nextAttemptAt;
        }
    }

    /** A request the sender made. */
    record Request(URI url, Map<String, String> headers, byte[] body) {
    }

    private final Map<WebhookEndpointId, Stored> endpoints = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    final List<Request> requests = new ArrayList<>();
    /** What the receiver answers each request with; 204 unless a test says otherwise. */
    Function<Request, Response> receiver = request -> new Response(Optional.of(204), Duration.ofMillis(3), "");
    /** URLs refused as internal. */
    final List<String> internalHosts = new ArrayList<>(List.of("10.0.0.1", "localhost"));

    @Override
    public synchronized void create(WebhookEndpoint endpoint, WebhookSecret secret) {
        endpoints.put(endpoint.id(), new Stored(endpoint, secret, Optional.empty(), Instant.MIN, Optional.empty(),
                Instant.MIN, Optional.empty()));
    }

    @Override
    public synchronized Optional<WebhookEndpoint> find(WebhookEndpointId id) {
        return Optional.ofNullable(endpoints.get(id)).map(Stored::endpoint);
    }

    @Override
    public synchronized List<WebhookEndpoint> list() {
        return endpoints.values().stream().map(Stored::endpoint).toList();
    }

    @Override
    public synchronized boolean update(WebhookEndpoint endpoint) {
        Stored stored = endpoints.get(endpoint.id());
        if (stored == null) {
            return false;
        }
        endpoints.put(endpoint.id(), new Stored(endpoint, stored.secret(), stored.previous(), stored.previousUntil(),
                stored.holder(), stored.claimedUntil(), endpoint.enabled() ? Optional.empty()
                : stored.failingSince()));
        return true;
    }

    @Override
    public synchronized boolean disable(WebhookEndpointId id, String reason) {
        Stored stored = endpoints.get(id);
        return stored != null && stored.endpoint().enabled() && update(stored.endpoint().disabled(reason));
    }

    @Override
    public synchronized boolean delete(WebhookEndpointId id) {
        rows.removeIf(row -> row.message.endpoint().equals(id));
        return endpoints.remove(id) != null;
    }

    @Override
    public synchronized boolean rotateSecret(WebhookEndpointId id, WebhookSecret next, Instant previousUntil) {
        Stored stored = endpoints.get(id);
        if (stored == null) {
            return false;
        }
        endpoints.put(id, new Stored(stored.endpoint(), next, Optional.of(stored.secret()), previousUntil,
                stored.holder(), stored.claimedUntil(), stored.failingSince()));
        return true;
    }

    @Override
    public synchronized List<WebhookSecret> signingSecrets(WebhookEndpointId id, Instant at) {
        Stored stored = endpoints.get(id);
        List<WebhookSecret> secrets = new ArrayList<>(List.of(stored.secret()));
        stored.previous().filter(previous -> at.isBefore(stored.previousUntil())).ifPresent(secrets::add);
        return secrets;
    }

    private Optional<Row> head(WebhookEndpointId id) {
        return rows.stream().filter(row -> row.message.endpoint().equals(id) && row.state.equals("PENDING"))
                .min(Comparator.comparingLong(row -> row.message.sequence()));
    }

    @Override
    public synchronized List<WebhookEndpointId> claimDue(String node, Instant now, Instant until, int max) {
        List<WebhookEndpointId> claimed = new ArrayList<>();
        for (Stored stored : List.copyOf(endpoints.values())) {
            WebhookEndpointId id = stored.endpoint().id();
            boolean free = stored.holder().isEmpty() || stored.claimedUntil().isBefore(now);
            if (claimed.size() < max && stored.endpoint().enabled() && free
                    && head(id).filter(row -> !row.nextAttemptAt.isAfter(now)).isPresent()) {
                endpoints.put(id, new Stored(stored.endpoint(), stored.secret(), stored.previous(),
                        stored.previousUntil(), Optional.of(node), until, stored.failingSince()));
                claimed.add(id);
            }
        }
        return claimed;
    }

    @Override
    public synchronized boolean renewClaim(WebhookEndpointId id, String node, Instant until) {
        Stored stored = endpoints.get(id);
        if (stored == null || !stored.holder().equals(Optional.of(node)) || !stored.endpoint().enabled()) {
            return false;
        }
        endpoints.put(id, new Stored(stored.endpoint(), stored.secret(), stored.previous(), stored.previousUntil(),
                stored.holder(), until, stored.failingSince()));
        return true;
    }

    @Override
    public synchronized void release(WebhookEndpointId id, String node) {
        Stored stored = endpoints.get(id);
        if (stored != null && stored.holder().equals(Optional.of(node))) {
            endpoints.put(id, new Stored(stored.endpoint(), stored.secret(), stored.previous(),
                    stored.previousUntil(), Optional.empty(), Instant.MIN, stored.failingSince()));
        }
    }

    @Override
    public synchronized Optional<WebhookMessage> due(WebhookEndpointId id, Instant now) {
        return head(id).filter(row -> !row.nextAttemptAt.isAfter(now)).map(row -> row.message);
    }

    @Override
    public synchronized void recordAttempt(WebhookMessage message, Attempt attempt, Next next) {
        Row row = rows.stream().filter(candidate -> candidate.message.sequence() == message.sequence()).findFirst()
                .orElseThrow();
        row.attempts.add(0, attempt);
        row.message = new WebhookMessage(message.sequence(), message.endpoint(), message.messageId(),
                message.event(), message.attempts() + 1, Optional.of(message.firstAttemptAt().orElse(attempt.at())));
        row.state = next instanceof Next.Delivered ? "DELIVERED" : next instanceof Next.GivenUp ? "FAILED" : "PENDING";
        row.nextAttemptAt = next instanceof Next.RetryAt retry ? retry.at() : attempt.at();
        Stored stored = endpoints.get(message.endpoint());
        endpoints.put(message.endpoint(), new Stored(stored.endpoint(), stored.secret(), stored.previous(),
                stored.previousUntil(), stored.holder(), stored.claimedUntil(), attempt.succeeded() ? Optional.empty()
                : Optional.of(stored.failingSince().orElse(attempt.at()))));
    }

    @Override
    public synchronized WebhookMessage enqueue(WebhookEndpointId endpoint, OutboundEvent event) {
        WebhookMessage message = new WebhookMessage(sequence.incrementAndGet(), endpoint,
                "msg_" + Long.toHexString(sequence.get()), event, 0, Optional.empty());
        rows.add(new Row(message, event.occurredAt()));
        return message;
    }

    @Override
    public synchronized List<Delivery> recent(WebhookEndpointId endpoint, int limit) {
        return rows.stream().filter(row -> row.message.endpoint().equals(endpoint))
                .sorted(Comparator.comparingLong((Row row) -> row.message.sequence()).reversed()).limit(limit)
                .map(row -> new Delivery(row.message, row.state.toLowerCase(java.util.Locale.ROOT),
                        row.state.equals("PENDING") ? Optional.of(row.nextAttemptAt) : Optional.empty(),
                        row.attempts)).toList();
    }

    @Override
    public synchronized boolean redeliver(WebhookEndpointId endpoint, String messageId, Instant now) {
        Optional<Row> latest = rows.stream().filter(row -> row.message.endpoint().equals(endpoint)
                && row.message.messageId().equals(messageId)).max(Comparator.comparingLong(row -> row.message.sequence()));
        if (latest.isEmpty() || latest.get().state.equals("PENDING")) {
            return false;
        }
        WebhookMessage copy = new WebhookMessage(sequence.incrementAndGet(), endpoint, messageId,
                latest.get().message.event(), 0, Optional.empty());
        rows.add(new Row(copy, now));
        return true;
    }

    @Override
    public synchronized Optional<Instant> failingSince(WebhookEndpointId endpoint) {
        return endpoints.get(endpoint).failingSince();
    }

    @Override
    public boolean insecureAllowed() {
        return false;
    }

    @Override
    public Optional<String> refusal(URI url) {
        return internalHosts.contains(url.getHost()) ? Optional.of("the host resolves to an internal address")
                : Optional.empty();
    }

    @Override
    public synchronized Response send(URI url, Map<String, String> headers, byte[] body) {
        Request request = new Request(url, Map.copyOf(headers), body.clone());
        requests.add(request);
        return receiver.apply(request);
    }
}
