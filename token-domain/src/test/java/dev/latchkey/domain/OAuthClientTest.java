package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class OAuthClientTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final ClientId UUID_ID = ClientId.of(UUID.randomUUID().toString());
    private static final Optional<SecretHash> SECRET =
            Optional.of(ClientSecret.fromRandomBytes(new byte[32]).hash());

    private static OAuthClient client(ClientType type, Optional<SecretHash> secret, Set<GrantType> grants,
                                      Optional<Scopes> scopes) {
        return new OAuthClient(UUID_ID, "client", type, secret, grants, scopes, true, NOW);
    }

    @Test
    void aPublicClientHasNoSecretAndAConfidentialOneHasOne() {
        assertThatThrownBy(() -> client(ClientType.PUBLIC, SECRET, Set.of(GrantType.PASSWORD), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client(ClientType.CONFIDENTIAL, Optional.empty(), Set.of(GrantType.PASSWORD),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        OAuthClient app = client(ClientType.PUBLIC, Optional.empty(), Set.of(GrantType.PASSWORD), Optional.empty());
        assertThat(app.hasSecret(ClientSecret.fromRandomBytes(new byte[32]))).isFalse();
    }

    @Test
    void onlyAConfidentialClientWithAUuidIdMayActAsItself() {
        assertThatThrownBy(() -> client(ClientType.PUBLIC, Optional.empty(), Set.of(GrantType.CLIENT_CREDENTIALS),
                Optional.empty())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new OAuthClient(ClientId.of("gateway"), "gateway", ClientType.CONFIDENTIAL, SECRET,
                Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(), true, NOW))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> client(ClientType.CONFIDENTIAL, SECRET, Set.of(), Optional.empty()))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theServiceAccountSharesTheClientsIdSoThatItsTokensSubjectIsTheClient() {
        OAuthClient service = client(ClientType.CONFIDENTIAL, SECRET, Set.of(GrantType.CLIENT_CREDENTIALS),
                Optional.empty());
        OAuthClient gateway = client(ClientType.CONFIDENTIAL, SECRET, OAuthClient.defaultGrantTypes(),
                Optional.empty());

        assertThat(service.serviceAccount()).map(AccountId::toString).contains(UUID_ID.value());
        assertThat(gateway.serviceAccount()).isEmpty();
        assertThat(service.serviceAccountUsername().value()).isEqualTo("service-account-" + UUID_ID.value());
    }

    @Test
    void aDisabledClientMayUseNoGrant() {
        OAuthClient client = client(ClientType.CONFIDENTIAL, SECRET, EnumSet.allOf(GrantType.class),
                Optional.empty());

        assertThat(client.mayUse(GrantType.PASSWORD)).isTrue();
        assertThat(client.withEnabled(false).mayUse(GrantType.PASSWORD)).isFalse();
        assertThat(OAuthClient.defaultGrantTypes()).doesNotContain(GrantType.CLIENT_CREDENTIALS);
    }

    @Property
    void aScopeLimitAdmitsExactlyItsSubsets(@ForAll @StringLength(min = 1, max = 8) String extra) {
        Scopes allowed = Scopes.of("read", "write");
        OAuthClient limited = client(ClientType.CONFIDENTIAL, SECRET, Set.of(GrantType.PASSWORD),
                Optional.of(allowed));
        OAuthClient unlimited = client(ClientType.CONFIDENTIAL, SECRET, Set.of(GrantType.PASSWORD),
                Optional.empty());
        Scopes requested;
        try {
            requested = Scopes.of("read", extra);
        } catch (InvalidValueException notAScope) {
            return;
        }

        assertThat(limited.mayRequest(requested)).isEqualTo(allowed.containsAll(requested));
        assertThat(unlimited.mayRequest(requested)).isTrue();
    }

    @Test
    void grantTypesAndClientTypesHaveTheirRfcNames() {
        assertThat(GrantType.fromWireName("urn:ietf:params:oauth:grant-type:token-exchange"))
                .contains(GrantType.TOKEN_EXCHANGE);
        assertThat(GrantType.fromWireName("implicit")).isEmpty();
        assertThat(ClientType.fromWireName("public")).isEqualTo(ClientType.PUBLIC);
        assertThatThrownBy(() -> ClientType.fromWireName("PUBLIC")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void anAudienceIsPrintableWithoutSpaces() {
        assertThat(Audience.of("https://api.example/v1")).hasToString("https://api.example/v1");
        assertThatThrownBy(() -> Audience.of("two words")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Audience.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Audience.of("x".repeat(Audience.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class);
    }

    @org.junit.jupiter.api.Test
    void disablingAndEnablingAClientReportOnlyWhatChanged() {
        OAuthClient client = OAuthClient.confidential(ClientId.of("reports"), "Reports", SecretHash.of("secret"),
                java.time.Instant.parse("2026-12-05T08:00:00Z"));

        ClientUpdate disabled = client.disable();
        org.assertj.core.api.Assertions.assertThat(disabled.client().enabled()).isFalse();
        org.assertj.core.api.Assertions.assertThat(disabled.change()).contains(ClientUpdate.Change.DISABLED);
        org.assertj.core.api.Assertions.assertThat(disabled.auditDetail()).isEqualTo("client=reports enabled=false");
        org.assertj.core.api.Assertions.assertThat(disabled.client().disable().change()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(client.enable().change()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(disabled.client().enable().change())
                .contains(ClientUpdate.Change.ENABLED);
    }
}
