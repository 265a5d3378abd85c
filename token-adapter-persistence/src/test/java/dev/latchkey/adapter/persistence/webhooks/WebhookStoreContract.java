package dev.latchkey.adapter.persistence.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.application.port.out.WebhookDeliveryPort.Attempt;
import dev.latchkey.application.port.out.WebhookDeliveryPort.Next;
import dev.latchkey.application.port.out.WebhookEndpointPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.OutboundEvent;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookMessage;
import dev.latchkey.domain.WebhookSecret;
import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook endpoints and their outbox (ADR 18): messages written with the audit entries they announce, to the endpoints
 * that subscribe; one node at a time sends an endpoint's messages, oldest first; each attempt is kept.
 */
abstract class WebhookStoreContract extends StoreContract {

    private WebhookEndpointPort endpoints;
    private WebhookDeliveryPort deliveries;
    private RecordAuditEventPort audit;
    private TransactionPort transactions;

    @BeforeAll
    void ports() {
        endpoints = context.getBean(WebhookEndpointPort.class);
        deliveries = context.getBean(WebhookDeliveryPort.class);
        audit = context.getBean(RecordAuditEventPort.class);
        transactions = context.getBean(TransactionPort.class);
    }

    private WebhookEndpoint endpoint(Set<String> events, Optional<String> organization) {
        WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.fromRandomBytes(random(16)),
                URI.create("https://hooks.example.com/" + random(1)[0]), "test", organization, events, true,
                Optional.empty(), NOW);
        endpoints.create(endpoint, WebhookSecret.fromRandomBytes(random(32)));
        return endpoint;
    }

    private static AuditEvent revoked(Token token) {
        return AuditEvent.of(NOW, AuditEventType.TOKEN_REVOKED, Actor.account(token.owner()),
                Optional.of(token.owner()), Optional.of(token.id()), "reason=REQUESTED");
    }

    /** Every message of the endpoint, oldest first. */
    private List<WebhookMessage> messages(WebhookEndpointId endpoint) {
        return deliveries.recent(endpoint, 10_000).stream().map(WebhookDeliveryPort.Delivery::message)
                .sorted(java.util.Comparator.comparingLong(WebhookMessage::sequence)).toList();
    }

    private void disableAllBut(WebhookEndpoint... kept) {
        Set<WebhookEndpointId> keep = java.util.Arrays.stream(kept).map(WebhookEndpoint::id)
                .collect(java.util.stream.Collectors.toSet());
        endpoints.list().stream().filter(endpoint -> !keep.contains(endpoint.id()) && endpoint.enabled())
                .forEach(endpoint -> endpoints.update(endpoint.disabled("another test's")));
    }

    @Test
    void anEndpointIsKeptWithItsSecretSealedAndASecretRotatedSignsBesideTheNewOneForADay() throws Exception {
        WebhookSecret first = WebhookSecret.fromRandomBytes(random(32));
        WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.fromRandomBytes(random(16)),
                URI.create("https://hooks.example.com/a"), "SIEM", Optional.of("Acme"), Set.of("*"), true,
                Optional.empty(), NOW);
        endpoints.create(endpoint, first);

        assertThat(endpoints.find(endpoint.id())).contains(endpoint);
        assertThat(endpoints.list()).contains(endpoint);
        assertThat(endpoints.signingSecrets(endpoint.id(), NOW)).containsExactly(first);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> store = context.getBean(TransactionOperations.class);
        String stored = store.executeRead(status -> dev.latchkey.adapter.persistence.Statements.query(
                status.getConnection(), "SELECT secret FROM webhook_endpoint WHERE id = ?", row -> row.getString(1),
                endpoint.id().value()).get(0));
        assertThat(stored).doesNotContain(first.reveal()).doesNotContain(first.reveal().substring(6));

        WebhookSecret second = WebhookSecret.fromRandomBytes(random(32));
        assertThat(endpoints.rotateSecret(endpoint.id(), second, NOW.plus(Duration.ofDays(1)))).isTrue();
        assertThat(endpoints.signingSecrets(endpoint.id(), NOW.plusSeconds(60))).containsExactly(second, first);
        assertThat(endpoints.signingSecrets(endpoint.id(), NOW.plus(Duration.ofDays(1)))).containsExactly(second);

        WebhookEndpoint changed = new WebhookEndpoint(endpoint.id(), URI.create("https://hooks.example.com/b"),
                "SIEM, moved", Optional.empty(), Set.of("token.revoked", "token.leaked"), true, Optional.empty(),
                NOW);
        assertThat(endpoints.update(changed)).isTrue();
        assertThat(endpoints.find(endpoint.id())).contains(changed);
        assertThat(endpoints.disable(endpoint.id(), "answered 410 Gone")).isTrue();
        assertThat(endpoints.disable(endpoint.id(), "again")).as("stopped already").isFalse();
        assertThat(endpoints.find(endpoint.id())).as("the administrator's change is kept")
                .contains(changed.disabled("answered 410 Gone"));
        assertThat(endpoints.delete(endpoint.id())).isTrue();
        assertThat(endpoints.find(endpoint.id())).isEmpty();
        assertThat(endpoints.delete(endpoint.id())).isFalse();
    }

    @Test
    void anAuditEntryIsAnnouncedToEachEndpointThatSubscribesAndCoversItsOrganization() {
        WebhookEndpoint revocations = endpoint(Set.of("token.revoked"), Optional.empty());
        WebhookEndpoint everything = endpoint(Set.of("*"), Optional.empty());
        WebhookEndpoint acmeOnly = endpoint(Set.of("*"), Optional.of("Acme"));
        WebhookEndpoint issues = endpoint(Set.of("token.issued"), Optional.empty());
        Account acme = newAccount().withProfile(Optional.empty(), Optional.of(Organization.of("Acme")),
                Optional.empty());
        context.getBean(UpdateAccountPort.class).update(acme);
        Account other = newAccount();
        Token acmes = newToken(acme, NOW, Expiry.never());
        Token others = newToken(other, NOW, Expiry.never());

        audit.record(revoked(acmes));
        audit.record(revoked(others));
        audit.record(AuditEvent.of(NOW, AuditEventType.ACCOUNT_CHANGED, Actor.system(), Optional.of(acme.id()),
                Optional.empty(), "enabled=false"));

        assertThat(messages(revocations.id())).extracting(message -> message.event().token())
                .containsExactly(Optional.of(acmes.id()), Optional.of(others.id()));
        assertThat(messages(everything.id())).extracting(message -> message.event().type())
                .containsExactly("token.issued", "token.issued", "token.revoked", "token.revoked",
                        "account.disabled");
        assertThat(messages(acmeOnly.id())).extracting(message -> message.event().type())
                .containsExactly("token.issued", "token.revoked", "account.disabled");
        assertThat(messages(issues.id())).as("new tokens, written in batches, are announced too").hasSize(2);
        assertThat(messages(everything.id())).extracting(WebhookMessage::messageId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("msg_[0-9a-f]{32}"));
        disableAllBut();
    }

    @Test
    void anEntryRolledBackIsNeverAnnouncedAndADisabledEndpointGetsNothing() {
        WebhookEndpoint listening = endpoint(Set.of("token.revoked"), Optional.empty());
        WebhookEndpoint disabled = endpoint(Set.of("token.revoked"), Optional.empty());
        endpoints.update(disabled.disabled("by an administrator"));
        Token token = newToken(newAccount(), NOW, Expiry.never());

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            audit.record(revoked(token));
            throw new IllegalStateException("the revocation failed");
        })).hasMessageContaining("the revocation failed");
        assertThat(messages(listening.id())).isEmpty();

        audit.record(revoked(token));
        assertThat(messages(listening.id())).hasSize(1);
        assertThat(messages(disabled.id())).isEmpty();
        disableAllBut();
    }

    @Test
    void oneNodeAtATimeSendsAnEndpointsMessagesOldestFirstAndATakenClaimLapses() {
        WebhookEndpoint endpoint = endpoint(Set.of("webhook.test"), Optional.empty());
        disableAllBut(endpoint);
        WebhookMessage first = deliveries.enqueue(endpoint.id(), test(NOW));
        WebhookMessage second = deliveries.enqueue(endpoint.id(), test(NOW.plusSeconds(1)));

        assertThat(deliveries.claimDue("node-a", NOW.plusSeconds(5), NOW.plusSeconds(65), 10))
                .containsExactly(endpoint.id());
        assertThat(deliveries.claimDue("node-b", NOW.plusSeconds(6), NOW.plusSeconds(66), 10)).isEmpty();
        assertThat(deliveries.renewClaim(endpoint.id(), "node-b", NOW.plusSeconds(70))).isFalse();
        assertThat(deliveries.due(endpoint.id(), NOW.plusSeconds(5))).get()
                .extracting(WebhookMessage::sequence).isEqualTo(first.sequence());

        Attempt failed = new Attempt(NOW.plusSeconds(5), Optional.of(500), Duration.ofMillis(12), "x".repeat(2000));
        deliveries.recordAttempt(first, failed, new Next.RetryAt(NOW.plusSeconds(10)));
        assertThat(deliveries.failingSince(endpoint.id())).contains(NOW.plusSeconds(5));
        assertThat(deliveries.due(endpoint.id(), NOW.plusSeconds(9))).as("the head waits; the next waits behind it")
                .isEmpty();
        assertThat(deliveries.due(endpoint.id(), NOW.plusSeconds(10))).get().extracting(WebhookMessage::sequence)
                .isEqualTo(first.sequence());

        assertThat(deliveries.claimDue("node-b", NOW.plusSeconds(66), NOW.plusSeconds(126), 10))
                .as("node a's claim lapsed").containsExactly(endpoint.id());
        deliveries.recordAttempt(first, new Attempt(NOW.plusSeconds(66), Optional.of(204), Duration.ofMillis(3), ""),
                new Next.Delivered());
        assertThat(deliveries.failingSince(endpoint.id())).isEmpty();
        assertThat(deliveries.due(endpoint.id(), NOW.plusSeconds(66))).get().extracting(WebhookMessage::sequence)
                .isEqualTo(second.sequence());
        deliveries.release(endpoint.id(), "node-b");
        assertThat(deliveries.claimDue("node-a", NOW.plusSeconds(67), NOW.plusSeconds(127), 10))
                .containsExactly(endpoint.id());

        List<WebhookDeliveryPort.Delivery> recent = deliveries.recent(endpoint.id(), 10);
        assertThat(recent).extracting(WebhookDeliveryPort.Delivery::state).containsExactly("pending", "delivered");
        assertThat(recent.get(1).attempts()).extracting(Attempt::status)
                .containsExactly(Optional.of(204), Optional.of(500));
        assertThat(recent.get(1).attempts().get(1).response()).hasSize(Attempt.MAX_RESPONSE_LENGTH);
        assertThat(recent.get(1).message().attempts()).isEqualTo(2);
        assertThat(recent.get(1).message().firstAttemptAt()).contains(NOW.plusSeconds(5));

        assertThat(deliveries.redeliver(endpoint.id(), first.messageId(), NOW.plusSeconds(70))).isTrue();
        assertThat(deliveries.redeliver(endpoint.id(), first.messageId(), NOW.plusSeconds(70)))
                .as("already waiting to go again").isFalse();
        assertThat(messages(endpoint.id())).extracting(WebhookMessage::messageId)
                .containsExactly(first.messageId(), second.messageId(), first.messageId());
        endpoints.update(endpoint.disabled("done"));
    }

    @Test
    void aSecretSealedByAPreviousMasterKeyIsSealedByTheCurrentOneAtStartUp() {
        WebhookSecret secret = WebhookSecret.fromRandomBytes(random(32));
        WebhookSecret rotatedOut = WebhookSecret.fromRandomBytes(random(32));
        WebhookEndpoint endpoint = endpoint(Set.of("webhook.test"), Optional.empty());
        endpoints.rotateSecret(endpoint.id(), rotatedOut, NOW.plusSeconds(60));
        endpoints.rotateSecret(endpoint.id(), secret, NOW.plusSeconds(60));
        String next = java.util.Base64.getEncoder().encodeToString(random(32));

        try (var rotating = startContext(with(next, MASTER_KEY))) {
            assertThat(rotating.getBean(WebhookEndpointPort.class).signingSecrets(endpoint.id(), NOW))
                    .containsExactly(secret, rotatedOut);
        }
        try (var after = startContext(with(next, null))) {
            assertThat(after.getBean(WebhookEndpointPort.class).signingSecrets(endpoint.id(), NOW))
                    .as("opened without the previous master key").containsExactly(secret, rotatedOut);
        }
        // Every stored key back under this context's master key, for the tests that follow.
        startContext(with(MASTER_KEY, next)).close();
        assertThat(endpoints.signingSecrets(endpoint.id(), NOW)).containsExactly(secret, rotatedOut);
        endpoints.delete(endpoint.id());
    }

    private java.util.Map<String, Object> with(String masterKey, String previous) {
        java.util.Map<String, Object> settings = new java.util.HashMap<>(properties);
        settings.put("latchkey.master-key", masterKey);
        if (previous != null) {
            settings.put("latchkey.previous-master-keys", previous);
        }
        return settings;
    }

    private static OutboundEvent test(Instant at) {
        return new OutboundEvent("webhook.test", at, Actor.system(), Optional.empty(), Optional.empty(), "test", 1);
    }
}
