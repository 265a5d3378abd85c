package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

    @Test
    void anEndpointIsAnHttpsUrlWithAHostAndNoCredentialsUnlessInsecureDestinationsAreAllowed() {
        assertThat(WebhookEndpoint.url("https://hooks.example.com/latchkey?team=7", false).getHost())
                .isEqualTo("hooks.example.com");
        for (String refused : List.of("http://hooks.example.com/", "ftp://hooks.example.com/", "hooks.example.com",
                "https:///path", "https://user:pw@hooks.example.com/", "https://hooks.example.com/#x", "", "https://a b",
                "https://" + "a".repeat(2000) + ".com/")) {
            assertThatThrownBy(() -> WebhookEndpoint.url(refused, false)).as(refused)
                    .isInstanceOf(InvalidValueException.class);
        }
        assertThat(WebhookEndpoint.url("http://127.0.0.1:8081/hook", true).getPort()).isEqualTo(8081);
    }

    @Test
    void aSubscriptionNamesKnownTypesOrEveryEvent() {
        assertThat(WebhookEventTypes.subscription(List.of("token.revoked", "token.leaked", "token.revoked")))
                .containsExactlyInAnyOrder("token.revoked", "token.leaked");
        assertThat(WebhookEventTypes.subscription(List.of("*"))).containsExactly("*");
        assertThat(WebhookEventTypes.known()).contains("account.disabled", "client.disabled", "token.expiring",
                "token.expired", "webhook.test", "refresh_token.reused", "policy.changed", "token.issued");
        assertThatThrownBy(() -> WebhookEventTypes.subscription(List.of())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> WebhookEventTypes.subscription(List.of("token.stolen\u001b[2J")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("token.stolen?[2J")
                .hasMessageNotContaining("\u001b");
    }

    @Test
    void aDisablingChangeIsPublishedUnderItsNarrowerNameFirst() {
        AuditEvent disabled = AuditEvent.of(Instant.EPOCH, AuditEventType.ACCOUNT_CHANGED, Actor.system(),
                Optional.empty(), Optional.empty(), "enabled=false tokens=revoked");
        AuditEvent renamed = AuditEvent.of(Instant.EPOCH, AuditEventType.ACCOUNT_CHANGED, Actor.system(),
                Optional.empty(), Optional.empty(), "email=changed");
        AuditEvent client = AuditEvent.of(Instant.EPOCH, AuditEventType.CLIENT_CHANGED, Actor.system(),
                Optional.empty(), Optional.empty(), "client=web enabled=false");

        assertThat(WebhookEventTypes.namesOf(disabled)).containsExactly("account.disabled", "account.changed");
        assertThat(WebhookEventTypes.namesOf(renamed)).containsExactly("account.changed");
        assertThat(WebhookEventTypes.namesOf(client)).containsExactly("client.disabled", "client.changed");
        assertThat(WebhookEventTypes.deliveredAs(WebhookEventTypes.namesOf(disabled), java.util.Set.of("*")))
                .contains("account.disabled");
        assertThat(WebhookEventTypes.deliveredAs(WebhookEventTypes.namesOf(disabled),
                java.util.Set.of("account.changed"))).contains("account.changed");
        assertThat(WebhookEventTypes.deliveredAs(WebhookEventTypes.namesOf(renamed),
                java.util.Set.of("account.disabled"))).isEmpty();
    }

    @Test
    void anOrganizationsEndpointCoversOnlyItsAccountsEvents() {
        WebhookEndpoint acme = new WebhookEndpoint(WebhookEndpointId.fromRandomBytes(new byte[16]),
                WebhookEndpoint.url("https://hooks.example.com/", false), "", Optional.of("Acme"),
                java.util.Set.of("*"), true, Optional.empty(), Instant.EPOCH);

        assertThat(acme.covers(Optional.of("Acme"))).isTrue();
        assertThat(acme.covers(Optional.of("Globex"))).isFalse();
        assertThat(acme.covers(Optional.empty())).isFalse();
        assertThat(acme.disabled("gone").enabled()).isFalse();
    }
}
