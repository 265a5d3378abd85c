package dev.latchkey.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RotateClientSecretUseCase;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.SignInSettings;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client registry's API over the real Netty server, the use cases mocked: each outcome and each refusal. */
@MicronautTest
class ClientApiTest {

    private static final Caller ROOT = ApiFixtures.ROOT;
    private static final String ROOT_BASIC = ApiFixtures.ROOT_BASIC;
    private static final ClientSecret SECRET = ClientSecret.fromRandomBytes(new byte[32]);
    private static final OAuthClient BILLING = OAuthClient.confidential(ClientId.of(UUID.randomUUID().toString()),
            "billing", SECRET.hash(), Instant.parse("2026-12-05T08:00:00Z"));

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AuthenticateUseCase authenticate;
    @Inject
    RegisterClientUseCase registerClient;
    @Inject
    AdministerClientsUseCase clients;
    @Inject
    RotateClientSecretUseCase rotateSecret;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(RegisterClientUseCase.class)
    RegisterClientUseCase registerClient() {
        return mock(RegisterClientUseCase.class);
    }

    @MockBean(AdministerClientsUseCase.class)
    AdministerClientsUseCase clients() {
        return mock(AdministerClientsUseCase.class);
    }

    @MockBean(RotateClientSecretUseCase.class)
    RotateClientSecretUseCase rotateSecret() {
        return mock(RotateClientSecretUseCase.class);
    }

    @MockBean(Clock.class)
    Clock clock() {
        return Clock.fixed(ApiFixtures.NOW, ZoneOffset.UTC);
    }

    @BeforeEach
    void rootCanLogIn() {
        reset(authenticate, registerClient, clients, rotateSecret);
        ApiFixtures.andAdministrator(authenticate);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    private HttpResponse<String> asRoot(String method, String path, String body) throws Exception {
        return calls().send(method, path, ROOT_BASIC, body == null ? null : "application/json", body);
    }

    @Test
    void aRegisteredClientIsAnsweredOnceWithItsSecretAndWhereItLives() throws Exception {
        when(registerClient.register(any())).thenReturn(new RegisterClientUseCase.Outcome.Registered(BILLING,
                Optional.of(SECRET)));

        HttpResponse<String> registered = asRoot("POST", "/api/v1/clients", "{\"name\":\"billing\"}");

        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Location")).contains("/api/v1/clients/" + BILLING.id().value());
        assertThat(calls().bodyOf(registered)).containsEntry("clientId", BILLING.id().value())
                .containsEntry("clientSecret", SECRET.reveal()).containsEntry("type", "confidential");
    }

    @Test
    void aKeySetUrlIsRefusedUnlessHttpsToAPublicAddressAndAKeySetReachesTheUseCaseAsPublicJson() throws Exception {
        for (String internal : new String[] {"http://keys.example/jwks", "https://127.0.0.1/jwks",
                "https://169.254.169.254/latest/meta-data", "https://10.0.0.1/jwks", "https://[::1]/jwks"}) {
            Map<String, Object> refused = calls().assertProblem(asRoot("POST", "/api/v1/clients",
                    "{\"name\":\"x\",\"jwksUri\":\"" + internal + "\"}"), 400, "invalid-request");
            assertThat(refused.get("detail").toString()).as(internal).startsWith("jwksUri");
        }
        verifyNoInteractions(registerClient);
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                com.nimbusds.jose.jwk.Curve.P_256).keyID("k1").generate();
        when(registerClient.register(any())).thenReturn(new RegisterClientUseCase.Outcome.Registered(BILLING,
                Optional.empty()));

        asRoot("POST", "/api/v1/clients", "{\"name\":\"signer\",\"jwks\":{\"keys\":["
                + key.toPublicJWK().toJSONString() + "]}}");

        verify(registerClient).register(org.mockito.ArgumentMatchers.argThat(command ->
                command.keys().keys().filter(ClientKeys.Listed.class::isInstance)
                        .map(listed -> ((ClientKeys.Listed) listed).jwks()).filter(json -> json.contains("\"k1\"")
                                && !json.contains("\"d\"")).isPresent()
                        && command.type() == ClientType.CONFIDENTIAL));
    }

    @Test
    void aRegistrationTheRequestOrTheCoreRefusesIsA400NamingTheField() throws Exception {
        calls().assertProblem(asRoot("POST", "/api/v1/clients", "{\"name\":\"x\",\"type\":\"secretive\"}"), 400,
                "invalid-request");
        calls().assertProblem(asRoot("POST", "/api/v1/clients", "{\"name\":\"x\",\"grantTypes\":[\"implicit\"]}"),
                400, "invalid-request");
        calls().assertProblem(asRoot("POST", "/api/v1/clients", "{\"name\":\"\"}"), 400, "invalid-request");
        verifyNoInteractions(registerClient);

        when(registerClient.register(any())).thenReturn(new RegisterClientUseCase.Outcome.Refused("scopes",
                "a service account may not hold introspect"));
        Map<String, Object> refused = calls().assertProblem(asRoot("POST", "/api/v1/clients",
                "{\"name\":\"x\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"introspect\"]}"), 400,
                "invalid-request");
        assertThat(refused.get("detail").toString()).startsWith("scopes: ");
    }

    @Test
    void anUnknownOrMalformedClientOrTokenIsNotFoundWithoutEchoingThePath() throws Exception {
        when(clients.find(any(), any())).thenReturn(Optional.empty());
        when(clients.setEnabled(any(), any(), any(Boolean.class))).thenReturn(Optional.empty());
        when(clients.serviceAccountTokens(any(), any(), any(Integer.class), any(Integer.class)))
                .thenReturn(Optional.empty());

        for (String[] request : List.of(new String[] {"GET", "/api/v1/clients/nobody", null},
                new String[] {"PATCH", "/api/v1/clients/nobody", "{\"enabled\":false}"},
                new String[] {"GET", "/api/v1/clients/nobody/tokens", null})) {
            calls().assertProblem(asRoot(request[0], request[1], request[2]), 404, "client-not-found");
        }
        Map<String, Object> token = calls().assertProblem(asRoot("DELETE",
                "/api/v1/clients/nobody/tokens/%3Cscript%3E", null), 404, "token-not-found");
        assertThat(token.get("detail").toString()).doesNotContain("script");
    }

    @Test
    void aPatchChangesSomethingItKnowsAndNothingElse() throws Exception {
        calls().assertProblem(asRoot("PATCH", "/api/v1/clients/" + BILLING.id().value(), "{}"), 400,
                "invalid-request");
        calls().assertProblem(asRoot("PATCH", "/api/v1/clients/" + BILLING.id().value(),
                "{\"enabled\":false,\"name\":\"other\"}"), 400, "invalid-request");
        Map<String, Object> badUri = calls().assertProblem(asRoot("PATCH", "/api/v1/clients/" + BILLING.id().value(),
                "{\"redirectUris\":[\"http://app.example/cb\"],\"enabled\":false}"), 400, "invalid-request");
        assertThat(badUri.get("detail").toString()).contains("redirectUris");
        verifyNoInteractions(clients);
    }

    @Test
    void aPatchMarksAClientFirstPartyAndKeepsWhatItLeavesOut() throws Exception {
        OAuthClient firstParty = BILLING.changeSignIn(new SignInSettings(
                List.of(RedirectUri.parse("https://app.example/cb")), false, true)).client();
        AdministerClientsUseCase.SignInChange expected = new AdministerClientsUseCase.SignInChange(Optional.empty(),
                Optional.empty(), Optional.of(true));
        when(clients.changeSignIn(any(), eq(BILLING.id()), eq(expected))).thenReturn(Optional.of(firstParty));

        HttpResponse<String> changed = asRoot("PATCH", "/api/v1/clients/" + BILLING.id().value(),
                "{\"consentSkipped\":true}");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(calls().bodyOf(changed)).containsEntry("consentSkipped", true)
                .containsEntry("redirectUris", List.of("https://app.example/cb"));
        verify(clients, never()).setEnabled(any(), any(), any(Boolean.class));
    }

    @Test
    void aRotatedSecretIsAnsweredOnceWithWhatTheOldOneHasLeft() throws Exception {
        ClientSecret next = ClientSecret.fromRandomBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        Instant now = ApiFixtures.NOW;
        OAuthClient rotated = BILLING.rotateSecret(next.hash(), now, Duration.ofHours(1)).client();
        when(rotateSecret.rotate(any())).thenReturn(new RotateClientSecretUseCase.Outcome.Rotated(rotated, next, 2));
        when(clients.find(any(), any())).thenReturn(Optional.of(rotated));
        String path = "/api/v1/clients/" + BILLING.id().value() + "/secret";

        HttpResponse<String> answered = asRoot("POST", path,
                "{\"previousSecretValidForSeconds\":3600,\"revokeTokens\":true}");

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(calls().bodyOf(answered)).containsEntry("clientId", BILLING.id().value())
                .containsEntry("clientSecret", next.reveal()).containsEntry("revokedTokens", 2)
                .containsEntry("previousSecretValidUntil", Timestamps.isoMillis(now.plus(Duration.ofHours(1))));
        verify(rotateSecret).rotate(new RotateClientSecretUseCase.RotateClientSecretCommand(ROOT, BILLING.id(),
                Duration.ofHours(1), true));
        assertThat(calls().bodyOf(asRoot("GET", "/api/v1/clients/" + BILLING.id().value(), null)))
                .as("the client shows until when its old secret works, never a secret")
                .containsEntry("previousSecretValidUntil", Timestamps.isoMillis(now.plus(Duration.ofHours(1))))
                .doesNotContainKey("clientSecret");

        asRoot("POST", path, null);
        verify(rotateSecret).rotate(new RotateClientSecretUseCase.RotateClientSecretCommand(ROOT, BILLING.id(),
                Duration.ZERO, false));
    }

    @Test
    void aRotationTheRequestOrTheCoreRefusesSaysWhy() throws Exception {
        String path = "/api/v1/clients/" + BILLING.id().value() + "/secret";
        calls().assertProblem(asRoot("POST", path, "{\"previousSecretValidForSeconds\":\"1h\"}"), 400,
                "invalid-request");
        calls().assertProblem(asRoot("POST", path, "{\"revokeTokens\":\"yes\"}"), 400, "invalid-request");
        calls().assertProblem(asRoot("POST", path, "{\"secret\":\"lkc_mine\"}"), 400, "invalid-request");
        calls().assertProblem(asRoot("POST", path, "[]"), 400, "malformed-body");
        verifyNoInteractions(rotateSecret);

        when(rotateSecret.rotate(any())).thenReturn(new RotateClientSecretUseCase.Outcome.Refused(
                "previousSecretValidForSeconds", "must be 0 to 604800"));
        assertThat(calls().assertProblem(asRoot("POST", path, "{\"previousSecretValidForSeconds\":604801}"), 400,
                "invalid-request").get("detail")).isEqualTo("previousSecretValidForSeconds must be 0 to 604800");
        when(rotateSecret.rotate(any())).thenReturn(new RotateClientSecretUseCase.Outcome.HasNoSecret());
        calls().assertProblem(asRoot("POST", path, null), 409, "client-has-no-secret");
        when(rotateSecret.rotate(any())).thenReturn(new RotateClientSecretUseCase.Outcome.ClientNotFound());
        calls().assertProblem(asRoot("POST", path, null), 404, "client-not-found");
        calls().assertProblem(asRoot("POST", "/api/v1/clients/%20/secret", null), 404, "client-not-found");
    }

    @Test
    void redirectUrisAndTheSignInSettingsReachTheUseCaseAndABadUriNever() throws Exception {
        when(registerClient.register(any())).thenReturn(new RegisterClientUseCase.Outcome.Registered(BILLING,
                Optional.of(SECRET)));

        asRoot("POST", "/api/v1/clients", "{\"name\":\"web\",\"redirectUris\":[\"https://app.example/cb\"],"
                + "\"pushedRequestsRequired\":true,\"consentSkipped\":true}");

        verify(registerClient).register(new RegisterClientUseCase.RegisterClientCommand(ROOT, "web",
                ClientType.CONFIDENTIAL, Optional.empty(), Optional.empty(), new SignInSettings(
                        List.of(RedirectUri.parse("https://app.example/cb")), true, true), KeySettings.none()));
        reset(registerClient);
        Map<String, Object> refused = calls().assertProblem(asRoot("POST", "/api/v1/clients",
                "{\"name\":\"web\",\"redirectUris\":[\"http://evil.example/cb\"]}"), 400, "invalid-request");
        assertThat(refused.get("detail").toString()).startsWith("redirectUris").doesNotContain("evil.example");
        calls().assertProblem(asRoot("POST", "/api/v1/clients",
                "{\"name\":\"web\",\"redirectUris\":\"https://app.example/cb\"}"), 400, "invalid-request");
        verifyNoInteractions(registerClient);
    }
}
