package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AdministerWebhooksUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.application.port.out.WebhookDestinationsPort;
import dev.latchkey.application.port.out.WebhookEndpointPort;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.OutboundEvent;
import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookEventTypes;
import dev.latchkey.domain.WebhookMessage;
import dev.latchkey.domain.WebhookSecret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

final class AdministerWebhooksService implements AdministerWebhooksUseCase {

    /** How long a rotated-out secret keeps signing beside its successor. */
    static final Duration PREVIOUS_SECRET_SIGNS_FOR = Duration.ofDays(1);

    private final WebhookEndpointPort endpoints;
    private final WebhookDeliveryPort deliveries;
    private final WebhookDestinationsPort destinations;
    private final TransactionPort transactions;
    private final RecordAuditEventPort audit;
    private final RandomnessPort randomness;
    private final Clock clock;

    AdministerWebhooksService(WebhookEndpointPort endpoints, WebhookDeliveryPort deliveries,
                              WebhookDestinationsPort destinations, TransactionPort transactions,
                              RecordAuditEventPort audit, RandomnessPort randomness, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.transactions = transactions;
        this.audit = audit;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public Created create(Caller administrator, Registration registration) {
        administrator.requireAdministrator();
        URI url = destination(registration.url());
        Set<String> events = WebhookEventTypes.subscription(registration.events());
        Optional<String> organization = organization(registration.organization());
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.fromRandomBytes(randomness.nextBytes(16)),
                url, WebhookEndpoint.description(registration.description()), organization, events, true,
                Optional.empty(), now);
        WebhookSecret secret = WebhookSecret.fromRandomBytes(randomness.nextBytes(WebhookSecret.RANDOM_BYTES));
        transactions.inTransaction(() -> {
            endpoints.create(endpoint, secret);
            recordChange(administrator, AuditEventType.WEBHOOK_CREATED, endpoint, "");
            return null;
        });
        return new Created(endpoint, secret);
    }

    @Override
    public List<WebhookEndpoint> list(Caller administrator) {
        administrator.requireAdministrator();
        return endpoints.list();
    }

    @Override
    public Optional<WebhookEndpoint> find(Caller administrator, WebhookEndpointId id) {
        administrator.requireAdministrator();
        return endpoints.find(id);
    }

    @Override
    public Optional<WebhookEndpoint> change(Caller administrator, WebhookEndpointId id, Change change) {
        administrator.requireAdministrator();
        Optional<URI> url = change.url().map(this::destination);
        Optional<Set<String>> events = change.events().map(WebhookEventTypes::subscription);
        Optional<String> description = change.description().map(WebhookEndpoint::description);
        Optional<Optional<String>> organization = change.organization().map(AdministerWebhooksService::organization);
        return transactions.inTransaction(() -> endpoints.find(id).map(found -> {
            boolean enabled = change.enabled().orElse(found.enabled());
            WebhookEndpoint changed = new WebhookEndpoint(id, url.orElse(found.url()),
                    description.orElse(found.description()), organization.orElse(found.organization()),
                    events.orElse(found.events()), enabled,
                    enabled ? Optional.empty() : change.enabled().isPresent() ? Optional.of("disabled by "
                            + administrator.username().value()) : found.disabledReason(), found.createdAt());
            endpoints.update(changed);
            recordChange(administrator, AuditEventType.WEBHOOK_CHANGED, changed, "enabled=" + changed.enabled());
            return changed;
        }));
    }

    @Override
    public boolean delete(Caller administrator, WebhookEndpointId id) {
        administrator.requireAdministrator();
        return transactions.inTransaction(() -> endpoints.find(id).map(found -> {
            endpoints.delete(id);
            recordChange(administrator, AuditEventType.WEBHOOK_DELETED, found, "");
            return true;
        }).orElse(false));
    }

    @Override
    public Optional<WebhookSecret> rotateSecret(Caller administrator, WebhookEndpointId id) {
        administrator.requireAdministrator();
        WebhookSecret next = WebhookSecret.fromRandomBytes(randomness.nextBytes(WebhookSecret.RANDOM_BYTES));
        Instant now = clock.instant();
        return transactions.inTransaction(() -> endpoints.find(id).filter(found ->
                endpoints.rotateSecret(id, next, now.plus(PREVIOUS_SECRET_SIGNS_FOR))).map(found -> {
                    recordChange(administrator, AuditEventType.WEBHOOK_CHANGED, found, "secret=rotated "
                            + "previous-signs-until=" + now.plus(PREVIOUS_SECRET_SIGNS_FOR));
                    return next;
                }));
    }

    @Override
    public Optional<WebhookMessage> sendTest(Caller administrator, WebhookEndpointId id) {
        administrator.requireAdministrator();
        return endpoints.find(id).map(found -> deliveries.enqueue(id, new OutboundEvent(
                WebhookEventTypes.WEBHOOK_TEST, clock.instant(), administrator.actor(), Optional.empty(),
                Optional.empty(), "a test event, sent by " + administrator.username().value(), 1)));
    }

    @Override
    public Optional<List<WebhookDeliveryPort.Delivery>> deliveries(Caller administrator, WebhookEndpointId id,
                                                                  int limit) {
        administrator.requireAdministrator();
        return endpoints.find(id).map(found -> deliveries.recent(id, Math.max(1,
                Math.min(limit, MAX_DELIVERIES_SHOWN))));
    }

    @Override
    public boolean redeliver(Caller administrator, WebhookEndpointId id, String messageId) {
        administrator.requireAdministrator();
        return endpoints.find(id).isPresent() && deliveries.redeliver(id, messageId, clock.instant());
    }

    /** A URL events may be sent to: well formed, https unless insecure destinations are allowed, and public. */
    private URI destination(String text) {
        URI url = WebhookEndpoint.url(text, destinations.insecureAllowed());
        Optional<String> refusal = destinations.refusal(url);
        if (refusal.isPresent()) {
            throw new InvalidValueException("url", refusal.get());
        }
        return url;
    }

    private static Optional<String> organization(Optional<String> name) {
        return name.map(given -> Organization.of(given.strip()).name());
    }

    private void recordChange(Caller administrator, AuditEventType type, WebhookEndpoint endpoint, String more) {
        String events = String.join(",", new TreeSet<>(endpoint.events()));
        audit.record(AuditEvent.of(clock.instant(), type, administrator.actor(), Optional.empty(), Optional.empty(),
                AuditText.printable(("webhook=" + endpoint.id() + " host=" + endpoint.url().getHost() + " events="
                        + (events.length() <= 200 ? events : endpoint.events().size() + "-types") + " " + more)
                        .strip(), 480)));
    }
}
