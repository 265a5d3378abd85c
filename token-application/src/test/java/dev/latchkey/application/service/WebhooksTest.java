package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.AdministerWebhooksUseCase;
import dev.latchkey.application.port.in.AdministerWebhooksUseCase.Registration;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.DeliverWebhooksUseCase;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.application.port.out.WebhookSenderPort.Response;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Webhook endpoints administered, and their messages sent: signed, retried, in order, and given up with reason. */
class WebhooksTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final AdministerWebhooksUseCase webhooks = fixture.services.administerWebhooks();
    private final DeliverWebhooksUseCase sender = fixture.services.deliverWebhooks();

    private AdministerWebhooksUseCase.Created register(String... events) {
        return webhooks.create(root, new Registration("https://hooks.example.com/latchkey", List.of(events),
                "SIEM", Optional.empty()));
    }

    /** The Standard Webhooks verification, written here from the specification rather than taken from the code. */
    private static boolean verifies(WebhookSecret secret, InMemoryWebhooks.Request request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.reveal().substring("whsec_".length())),
                "HmacSHA256"));
        String signed = request.headers().get("webhook-id") + "." + request.headers().get("webhook-timestamp") + "."
                + new String(request.body(), StandardCharsets.UTF_8);
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                signed.getBytes(StandardCharsets.UTF_8)));
        return List.of(request.headers().get("webhook-signature").split(" ")).contains(expected);
    }

    private int deliverDue() {
        return sender.claimDue(10).stream().mapToInt(sender::sendClaimed).sum();
    }

    @Test
    void onlyAnAdministratorRegistersAnHttpsEndpointAtAPublicHostAndTheTrailSaysSo() {
        assertThatThrownBy(() -> webhooks.create(alice, new Registration("https://hooks.example.com/", List.of("*"),
                "", Optional.empty()))).isInstanceOf(NotAnAdministratorException.class);
        for (String refused : List.of("http://hooks.example.com/", "https://10.0.0.1/hook", "https://localhost/")) {
            assertThatThrownBy(() -> webhooks.create(root, new Registration(refused, List.of("*"), "",
                    Optional.empty()))).as(refused).isInstanceOf(InvalidValueException.class);
        }
        assertThatThrownBy(() -> register("token.stolen")).isInstanceOf(InvalidValueException.class);

        AdministerWebhooksUseCase.Created created = register("token.revoked", "token.leaked");

        assertThat(created.secret().reveal()).startsWith("whsec_");
        assertThat(webhooks.list(root)).containsExactly(created.endpoint());
        assertThat(fixture.events.recorded).filteredOn(event -> event.type() == AuditEventType.WEBHOOK_CREATED)
                .singleElement().extracting(AuditEvent::detail).asString()
                .contains("host=hooks.example.com", "events=token.leaked,token.revoked")
                .doesNotContain(created.secret().reveal());
    }

    @Test
    void aTestEventArrivesSignedWithTheEndpointsSecretAndBothSecretsSignForADayAfterARotation() throws Exception {
        AdministerWebhooksUseCase.Created created = register("token.revoked");
        webhooks.sendTest(root, created.endpoint().id());

        assertThat(deliverDue()).isEqualTo(1);
        InMemoryWebhooks.Request first = fixture.webhooks.requests.get(0);
        assertThat(verifies(created.secret(), first)).isTrue();
        assertThat(first.headers().get("webhook-id")).startsWith("msg_");
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).startsWith("{\"type\":\"webhook.test\"");

        WebhookSecret rotated = webhooks.rotateSecret(root, created.endpoint().id()).orElseThrow();
        webhooks.sendTest(root, created.endpoint().id());
        deliverDue();
        InMemoryWebhooks.Request second = fixture.webhooks.requests.get(1);
        assertThat(verifies(rotated, second)).isTrue();
        assertThat(verifies(created.secret(), second)).as("the old secret still signs").isTrue();

        fixture.clock.advance(Duration.ofDays(1));
        webhooks.sendTest(root, created.endpoint().id());
        deliverDue();
        assertThat(verifies(created.secret(), fixture.webhooks.requests.get(2))).isFalse();
        assertThat(verifies(rotated, fixture.webhooks.requests.get(2))).isTrue();
    }

    @Test
    void aFailedMessageIsRetriedOnScheduleUnderItsIdAndHoldsTheEndpointsLaterOnesUntilThen() {
        AdministerWebhooksUseCase.Created created = register("*");
        webhooks.sendTest(root, created.endpoint().id());
        webhooks.sendTest(root, created.endpoint().id());
        int[] answered = {0};
        fixture.webhooks.receiver = request -> ++answered[0] <= 2
                ? new Response(Optional.of(500), Duration.ofMillis(5), "busy")
                : new Response(Optional.of(200), Duration.ofMillis(5), "ok");

        assertThat(deliverDue()).isZero();
        assertThat(deliverDue()).as("not due again for about 5 s").isZero();
        fixture.clock.advance(Duration.ofSeconds(7));
        assertThat(deliverDue()).isZero();
        fixture.clock.advance(Duration.ofSeconds(30));
        assertThat(deliverDue()).as("the minute's pause not yet over").isZero();
        fixture.clock.advance(Duration.ofSeconds(45));
        assertThat(deliverDue()).isEqualTo(2);

        List<String> ids = fixture.webhooks.requests.stream().map(request -> request.headers().get("webhook-id"))
                .toList();
        assertThat(ids).hasSize(4);
        assertThat(ids.subList(0, 3)).as("the same message three times").containsOnly(ids.get(0));
        assertThat(ids.get(3)).as("the next one only after it").isNotEqualTo(ids.get(0));
        List<WebhookDeliveryPort.Delivery> deliveries = webhooks.deliveries(root, created.endpoint().id(), 10)
                .orElseThrow();
        assertThat(deliveries.get(1).attempts()).extracting(attempt -> attempt.status().orElseThrow())
                .containsExactly(200, 500, 500);
    }

    @Test
    void anEndpointThatAnswersGoneOrFailsForThreeDaysIsDisabledWithAReason() {
        AdministerWebhooksUseCase.Created gone = register("*");
        webhooks.sendTest(root, gone.endpoint().id());
        fixture.webhooks.receiver = request -> new Response(Optional.of(410), Duration.ofMillis(5), "gone");

        deliverDue();

        assertThat(webhooks.find(root, gone.endpoint().id())).get().extracting(WebhookEndpoint::enabled,
                endpoint -> endpoint.disabledReason().orElseThrow()).containsExactly(false, "answered 410 Gone");

        AdministerWebhooksUseCase.Created down = register("*");
        webhooks.sendTest(root, down.endpoint().id());
        fixture.webhooks.receiver = request -> new Response(Optional.empty(), Duration.ofSeconds(10),
                "no answer within 10 s");
        for (int hour = 0; hour < 80 && webhooks.find(root, down.endpoint().id()).orElseThrow().enabled(); hour++) {
            deliverDue();
            fixture.clock.advance(Duration.ofHours(1));
        }

        assertThat(webhooks.find(root, down.endpoint().id()).orElseThrow().disabledReason())
                .contains("every delivery failed for 3 days");
        assertThat(fixture.events.recorded).filteredOn(event -> event.type() == AuditEventType.WEBHOOK_DISABLED)
                .hasSize(2);
        assertThat(webhooks.deliveries(root, down.endpoint().id(), 1).orElseThrow().get(0).state())
                .isEqualTo("failed");
        assertThat(webhooks.redeliver(root, down.endpoint().id(),
                webhooks.deliveries(root, down.endpoint().id(), 1).orElseThrow().get(0).message().messageId()))
                .isTrue();
    }
}
