package dev.latchkey.adapter.rest.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.adapter.rest.ApiCalls;
import dev.latchkey.adapter.rest.ApiFixtures;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.Cause;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IssuedToken;
import dev.latchkey.application.port.in.PushAuthorizationRequestUseCase;
import dev.latchkey.application.port.in.AuthorizeUseCase.AuthorizationParameters;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.DeviceCode;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.UserCode;
import io.micronaut.context.annotation.Primary;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OAuth 2.0 endpoints over the real Netty server, the use cases mocked: RFC 6749's request checks and error
 * codes, RFC 8693's exchange rules, and the grants' answers, each before or after the core as the RFCs place them.
 */
@MicronautTest
class OAuthApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    GrantTokensUseCase grants;
    @Inject
    AuthenticateUseCase authenticate;
    @Inject
    IntrospectTokenUseCase introspect;
    @Inject
    RevokeTokenUseCase revoke;
    @Inject
    DeviceAuthorizationUseCase devices;
    @Inject
    PushAuthorizationRequestUseCase pushes;

    @MockBean(GrantTokensUseCase.class)
    @Primary
    GrantTokensUseCase grants() {
        return mock(GrantTokensUseCase.class);
    }

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    /** A public client, "cli", named by its id alone; every secret is refused. */
    static final OAuthClient CLI = new OAuthClient(ClientId.of("cli"), "cli", ClientType.PUBLIC, Optional.empty(),
            EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.DEVICE_CODE), Optional.empty(), true, ApiFixtures.NOW);

    @MockBean(AuthenticateClientUseCase.class)
    AuthenticateClientUseCase authenticateClient() {
        AuthenticateClientUseCase clients = mock(AuthenticateClientUseCase.class);
        when(clients.authenticate(any())).thenReturn(new AuthenticateClientUseCase.Outcome.Refused());
        when(clients.identifyPublic(any())).thenReturn(new AuthenticateClientUseCase.Outcome.Refused());
        when(clients.identifyPublic("cli")).thenReturn(new AuthenticateClientUseCase.Outcome.Authenticated(CLI));
        return clients;
    }

    /** No proof comes with these requests; a proof's single use is the core's, tested there and through the server. */
    @MockBean(dev.latchkey.application.port.in.SingleUseProofsUseCase.class)
    dev.latchkey.application.port.in.SingleUseProofsUseCase singleUseProofs() {
        return mock(dev.latchkey.application.port.in.SingleUseProofsUseCase.class);
    }

    @MockBean(IntrospectTokenUseCase.class)
    IntrospectTokenUseCase introspect() {
        return mock(IntrospectTokenUseCase.class);
    }

    @MockBean(RevokeTokenUseCase.class)
    RevokeTokenUseCase revoke() {
        return mock(RevokeTokenUseCase.class);
    }

    @MockBean(DeviceAuthorizationUseCase.class)
    DeviceAuthorizationUseCase devices() {
        return mock(DeviceAuthorizationUseCase.class);
    }

    @MockBean(PushAuthorizationRequestUseCase.class)
    PushAuthorizationRequestUseCase pushes() {
        return mock(PushAuthorizationRequestUseCase.class);
    }

    @BeforeEach
    void fresh() {
        reset(grants, authenticate, introspect, revoke, devices, pushes);
        ApiFixtures.aliceAlone(authenticate);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    private HttpResponse<String> token(String form) throws Exception {
        return calls().send("POST", "/oauth2/token", null, FORM, form);
    }

    private void assertError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(calls().bodyOf(response)).containsEntry("error", error).containsKey("error_description");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void aPasswordGrantAnswersRfc6749sTokenResponseAndIsNeverCached() throws Exception {
        when(grants.grant(any(GrantTokensUseCase.PasswordGrant.class))).thenReturn(
                new GrantTokensUseCase.Outcome.Granted(new IssuedToken(ApiFixtures.token(Optional.of(
                        ApiFixtures.NOW.plus(Duration.ofHours(1)))), "lk_access"),
                        Optional.of(new IssuedToken(ApiFixtures.token(Optional.empty()), "lk_refresh"))));

        HttpResponse<String> granted = token("grant_type=password&username=alice&password=alice-password"
                + "&scope=read%20write");

        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(calls().bodyOf(granted)).containsEntry("access_token", "lk_access")
                .containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600)
                .containsEntry("refresh_token", "lk_refresh").doesNotContainKey("issued_token_type");
        assertThat(granted.headers().firstValue("Cache-Control")).contains("no-store");
        verify(grants).grant(new GrantTokensUseCase.PasswordGrant("alice", "alice-password", "127.0.0.1",
                Optional.of(Scopes.of("read", "write")), Optional.empty()));
    }

    @Test
    void aMalformedTokenRequestIsRefusedWithItsRfcErrorBeforeAnyGrant() throws Exception {
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("username=alice&password=x", "invalid_request"),
                Map.entry("grant_type=implicit", "unsupported_grant_type"),
                Map.entry("grant_type=password&username=alice", "invalid_request"),
                Map.entry("grant_type=password&username=a&password=b&scope=%22quoted%22", "invalid_scope"),
                Map.entry("grant_type=refresh_token", "invalid_request"),
                Map.entry("grant_type=password&grant_type=password&username=a&password=b", "invalid_request"),
                Map.entry("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t",
                        "invalid_request"),
                Map.entry("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t"
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:saml2", "invalid_request"),
                Map.entry("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t"
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token&actor_token=a"
                        + "&actor_token_type=urn:ietf:params:oauth:token-type:access_token", "invalid_request"),
                Map.entry("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=t"
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token"
                        + "&resource=https://api.example", "invalid_target"));
        for (Map.Entry<String, String> refused : refusals.entrySet()) {
            assertError(token(refused.getKey()), 400, refused.getValue());
        }
        assertError(token("grant_type=client_credentials"), 401, "invalid_client");
        verifyNoInteractions(grants);
    }

    @Test
    void eachRefusalOfTheGrantHasItsRfcErrorAndNeverSaysWhichCause() throws Exception {
        when(grants.grant(any(GrantTokensUseCase.RefreshGrant.class))).thenReturn(
                new GrantTokensUseCase.Outcome.InvalidGrant(Cause.SPENT, "the refresh token is not valid"),
                new GrantTokensUseCase.Outcome.InvalidScope("more than the grant had"),
                new GrantTokensUseCase.Outcome.UnauthorizedClient("issued to another client"),
                new GrantTokensUseCase.Outcome.InvalidTarget("unknown audience"));

        for (String error : List.of("invalid_grant", "invalid_scope", "unauthorized_client", "invalid_target")) {
            assertError(token("grant_type=refresh_token&refresh_token=lk_old"), 400, error);
        }
    }

    @Test
    void anExchangeNamesTheTypeOfWhatItIssued() throws Exception {
        when(grants.grant(any(GrantTokensUseCase.TokenExchangeGrant.class))).thenReturn(
                new GrantTokensUseCase.Outcome.Granted(new IssuedToken(ApiFixtures.token(Optional.of(
                        ApiFixtures.NOW.plus(Duration.ofMinutes(5)))), "lk_narrow"), Optional.empty()));

        HttpResponse<String> exchanged = token("grant_type=urn:ietf:params:oauth:grant-type:token-exchange"
                + "&subject_token=lk_broad&subject_token_type=urn:ietf:params:oauth:token-type:access_token"
                + "&audience=reports");

        assertThat(calls().bodyOf(exchanged)).containsEntry("access_token", "lk_narrow")
                .containsEntry("issued_token_type", "urn:ietf:params:oauth:token-type:access_token")
                .doesNotContainKey("refresh_token");
    }

    @Test
    void introspectionAndRevocationNeedACallerAndAToken() throws Exception {
        assertError(calls().send("POST", "/oauth2/introspect", null, FORM, "token=lk_x"), 401, "invalid_client");
        assertError(calls().send("POST", "/oauth2/revoke", null, FORM, "token=lk_x"), 401, "invalid_client");
        assertError(calls().send("POST", "/oauth2/revoke", "Bearer lk_unknown", FORM, "token=lk_x"), 401,
                "invalid_client");
        assertError(calls().send("POST", "/oauth2/revoke", null, FORM, ""), 401, "invalid_client");
        verifyNoInteractions(introspect, revoke);
    }

    @Test
    void aCodeIsRedeemedWithItsVerifierAndRedirectByTheClientItWasIssuedTo() throws Exception {
        when(grants.grant(any(GrantTokensUseCase.CodeGrant.class))).thenReturn(
                new GrantTokensUseCase.Outcome.InvalidGrant(GrantTokensUseCase.Cause.BAD_CREDENTIALS,
                        "The code_verifier does not answer the code_challenge."));

        assertError(token("grant_type=authorization_code&client_id=cli&code=lka_x&code_verifier=v"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A4711%2Fcb"), 400, "invalid_grant");
        verify(grants).grant(new GrantTokensUseCase.CodeGrant("lka_x", Optional.of("http://127.0.0.1:4711/cb"), "v",
                CLI));
        token("grant_type=authorization_code&client_id=cli&code=lka_y");
        verify(grants).grant(new GrantTokensUseCase.CodeGrant("lka_y", Optional.empty(), "", CLI));
        assertError(token("grant_type=authorization_code&client_id=cli"), 400, "invalid_request");
        assertError(token("grant_type=authorization_code&code=lka_x&code_verifier=v"), 401, "invalid_client");
        assertError(token("grant_type=authorization_code&client_id=nobody&code=lka_x"), 401, "invalid_client");
    }

    @Test
    void aDevicePollIsAnsweredWithRfc8628sErrorsUntilItsTokensAreReady() throws Exception {
        for (GrantTokensUseCase.DeviceError error : GrantTokensUseCase.DeviceError.values()) {
            when(grants.grant(any(GrantTokensUseCase.DeviceCodeGrant.class))).thenReturn(
                    new GrantTokensUseCase.Outcome.DeviceNotReady(error, "not yet"));

            assertError(token("grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=cli"
                    + "&device_code=lkd_x"), 400, error.wireName());
        }
        verify(grants, org.mockito.Mockito.atLeastOnce()).grant(new GrantTokensUseCase.DeviceCodeGrant("lkd_x", CLI));
        assertError(token("grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=cli"), 400,
                "invalid_request");
        assertError(token("grant_type=urn:ietf:params:oauth:grant-type:device_code&device_code=lkd_x"), 401,
                "invalid_client");
    }

    @Test
    void aDeviceGetsItsCodesAndWhereItsPersonEntersThemOnlyAsARegisteredClient() throws Exception {
        DeviceCode deviceCode = DeviceCode.fromRandomBytes(new byte[32]);
        UserCode userCode = UserCode.parse("WDJB-MJHT").orElseThrow();
        when(devices.start(CLI, Optional.of("read"), Optional.empty())).thenReturn(new DeviceAuthorizationUseCase.Start.Started(
                deviceCode, userCode, Duration.ofMinutes(10), Duration.ofSeconds(5)));
        when(devices.start(CLI, Optional.of("admin"), Optional.empty())).thenReturn(new DeviceAuthorizationUseCase.Start.Refused(
                "invalid_scope", "The client is not registered for a requested scope."));

        HttpResponse<String> started = calls().send("POST", "/oauth2/device_authorization", null, FORM,
                "client_id=cli&scope=read");

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(calls().bodyOf(started)).containsEntry("device_code", deviceCode.reveal())
                .containsEntry("user_code", "WDJB-MJHT")
                .containsEntry("verification_uri", server.getURL() + "/console/device")
                .containsEntry("verification_uri_complete", server.getURL() + "/console/device?user_code=WDJB-MJHT")
                .containsEntry("expires_in", 600).containsEntry("interval", 5);
        assertError(calls().send("POST", "/oauth2/device_authorization", null, FORM, "client_id=cli&scope=admin"),
                400, "invalid_scope");
        assertError(calls().send("POST", "/oauth2/device_authorization", null, FORM, "scope=read"), 401,
                "invalid_client");
        assertError(calls().send("POST", "/oauth2/device_authorization", null, FORM, "client_id=nobody"), 401,
                "invalid_client");
        assertError(calls().send("POST", "/oauth2/device_authorization", null, "application/json", "{}"), 400,
                "invalid_request");
    }

    @Test
    void aPushedRequestAnswers201WithItsRequestUriOnlyToTheClientThatPushedIt() throws Exception {
        String uri = "urn:ietf:params:oauth:request_uri:abc";
        when(pushes.push(any(), any())).thenReturn(new PushAuthorizationRequestUseCase.Outcome.Pushed(uri,
                Duration.ofSeconds(60)));

        HttpResponse<String> pushed = calls().send("POST", "/oauth2/par", null, FORM, "client_id=cli&"
                + "response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&scope=read&state=s1&"
                + "code_challenge=c&code_challenge_method=S256&prompt=login&unknown=ignored");

        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        assertThat(pushed.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(calls().bodyOf(pushed)).containsEntry("request_uri", uri).containsEntry("expires_in", 60);
        verify(pushes).push(CLI, new AuthorizationParameters(Optional.of("cli"), Optional.of("code"),
                Optional.of("http://127.0.0.1/cb"), Optional.of("read"), Optional.of("s1"), Optional.of("c"),
                Optional.of("S256"), Optional.of("login"), Optional.empty()));

        when(pushes.push(any(), any())).thenReturn(new PushAuthorizationRequestUseCase.Outcome.Refused(
                "invalid_request", "A pushed request may not itself name a request_uri."));
        assertError(calls().send("POST", "/oauth2/par", null, FORM, "client_id=cli&request_uri=x"), 400,
                "invalid_request");
        reset(pushes);
        assertError(calls().send("POST", "/oauth2/par", null, FORM, "response_type=code"), 401, "invalid_client");
        assertError(calls().send("POST", "/oauth2/par", null, FORM, "client_id=nobody&response_type=code"), 401,
                "invalid_client");
        assertError(calls().send("POST", "/oauth2/par", null, FORM, "client_id=cli&scope=a&scope=b"), 400,
                "invalid_request");
        verifyNoInteractions(pushes);
    }

    @Test
    void aClientIdBesideBasicMustNameTheSameClientAndASecretBesideItIsASecondMethod() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("svc:wrong".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));

        assertError(calls().send("POST", "/oauth2/par", basic, FORM, "client_id=svc&response_type=code"), 401,
                "invalid_client");
        assertError(calls().send("POST", "/oauth2/par", basic, FORM, "client_id=other&response_type=code"), 400,
                "invalid_request");
        assertError(calls().send("POST", "/oauth2/token", basic, FORM,
                "grant_type=client_credentials&client_secret=x"), 400, "invalid_request");
        verifyNoInteractions(pushes);
    }
}
