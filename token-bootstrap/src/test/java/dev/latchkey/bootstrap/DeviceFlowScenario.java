package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import io.micronaut.json.JsonMapper;
import java.net.URLEncoder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device authorization grant (RFC 8628) end to end: the Nimbus OAuth 2.0 SDK plays the device (it asks for codes
 * and polls), and the console, driven as a browser without script drives it, plays the person who signs in, enters
 * the code and approves or denies.
 */
abstract class DeviceFlowScenario extends ServiceOnTestDatabase {

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private AuthorizationServerMetadata metadata;
    private ClientID device;

    @BeforeAll
    void registerTheDevicesClient() throws Exception {
        metadata = AuthorizationServerMetadata.resolve(new Issuer(node().url()));
        HttpResponse<String> registered = HttpCalls.send(node(), "POST", "/api/v1/clients",
                HttpCalls.headers(admin, "application/json"), "{\"name\":\"Acme CLI\",\"type\":\"public\","
                        + "\"grantTypes\":[\"urn:ietf:params:oauth:grant-type:device_code\",\"refresh_token\"],"
                        + "\"scopes\":[\"read\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> client = node().context().getBean(JsonMapper.class).readValue(registered.body(),
                Map.class);
        device = new ClientID((String) client.get("clientId"));
    }

    private DeviceAuthorizationSuccessResponse startDevice() throws Exception {
        DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(
                metadata.getDeviceAuthorizationEndpointURI(), device, new Scope("read")).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return response.toSuccessResponse();
    }

    private TokenResponse poll(DeviceAuthorizationSuccessResponse started) throws Exception {
        return TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), device,
                new DeviceCodeGrant(started.getDeviceCode())).toHTTPRequest().send());
    }

    private static String errorOf(TokenResponse response) {
        assertThat(response.indicatesSuccess()).isFalse();
        ErrorObject error = response.toErrorResponse().getErrorObject();
        return error.getCode();
    }

    private ConsoleHttpClient signedIn() throws Exception {
        ConsoleHttpClient browser = new ConsoleHttpClient(node());
        assertThat(browser.signIn(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
        return browser;
    }

    @Test
    void thePersonApprovesOnAnotherScreenAndTheDeviceGetsItsTokensOnce() throws Exception {
        DeviceAuthorizationSuccessResponse started = startDevice();
        String userCode = started.getUserCode().getValue();

        assertThat(userCode).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(started.getVerificationURI()).hasToString(node().url() + "/console/device");
        assertThat(started.getVerificationURIComplete())
                .hasToString(node().url() + "/console/device?user_code=" + userCode);
        assertThat(started.getInterval()).isEqualTo(5);
        assertThat(started.getLifetime()).isEqualTo(600);
        ConsoleHttpClient browser = signedIn();
        assertThat(browser.get("/console/device?user_code=" + userCode).body()).contains("value=\"" + userCode + "\"");
        HttpResponse<String> confirm = browser.postWithFormToken("/console/device",
                Map.of("user_code", userCode.replace("-", "").toLowerCase()), Map.of());
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Acme CLI").contains("<code>read</code>");
        HttpResponse<String> approved = browser.postWithFormToken("/console/device/decision",
                Map.of("user_code", userCode, "decision", "approve"), Map.of());
        assertThat(approved.body()).contains("Device connected");

        TokenResponse tokens = poll(started);
        assertThat(tokens.indicatesSuccess()).as("%s", tokens).isTrue();
        AccessTokenResponse granted = tokens.toSuccessResponse();
        assertThat(granted.getTokens().getRefreshToken()).isNotNull();
        HttpResponse<String> self = HttpCalls.send(node(), "GET", "/api/v1/tokens/self",
                HttpCalls.headers("Bearer " + granted.getTokens().getAccessToken().getValue(), null), null);
        assertThat(self.statusCode()).isEqualTo(200);
        assertThat(self.body()).contains("\"read\"");
        assertThat(errorOf(poll(started))).as("the tokens are given once").isEqualTo("invalid_grant");
    }

    @Test
    void aDeviceThatNamesItsKeyGetsTokensBoundToItOnlyWhenItPollsWithAProofByIt() throws Exception {
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                com.nimbusds.jose.jwk.Curve.P_256).generate();
        com.nimbusds.oauth2.sdk.http.HTTPRequest start = new DeviceAuthorizationRequest(
                metadata.getDeviceAuthorizationEndpointURI(), device, new Scope("read")).toHTTPRequest();
        start.setBody(start.getBody() + "&dpop_jkt=" + key.computeThumbprint());
        DeviceAuthorizationSuccessResponse started = DeviceAuthorizationResponse.parse(start.send())
                .toSuccessResponse();
        String userCode = started.getUserCode().getValue();
        ConsoleHttpClient browser = signedIn();
        browser.postWithFormToken("/console/device", Map.of("user_code", userCode), Map.of());
        browser.postWithFormToken("/console/device/decision", Map.of("user_code", userCode, "decision", "approve"),
                Map.of());

        assertThat(errorOf(poll(started))).as("a poll without a proof").isEqualTo("invalid_grant");
        com.nimbusds.oauth2.sdk.http.HTTPRequest proven = new TokenRequest(metadata.getTokenEndpointURI(), device,
                new DeviceCodeGrant(started.getDeviceCode())).toHTTPRequest();
        proven.setDPoP(new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(key,
                com.nimbusds.jose.JWSAlgorithm.ES256).createDPoPJWT("POST", metadata.getTokenEndpointURI()));
        TokenResponse tokens = TokenResponse.parse(proven.send());

        assertThat(tokens.indicatesSuccess()).as("%s", tokens).isTrue();
        assertThat(tokens.toSuccessResponse().getTokens().getAccessToken().getType().getValue()).isEqualTo("DPoP");
        com.nimbusds.oauth2.sdk.http.HTTPRequest malformed = new DeviceAuthorizationRequest(
                metadata.getDeviceAuthorizationEndpointURI(), device, new Scope("read")).toHTTPRequest();
        malformed.setBody(malformed.getBody() + "&dpop_jkt=not-a-thumbprint");
        assertThat(DeviceAuthorizationResponse.parse(malformed.send()).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    @Test
    void aDevicePollingBeforeApprovalIsToldToWaitAndToSlowDown() throws Exception {
        DeviceAuthorizationSuccessResponse started = startDevice();

        assertThat(errorOf(poll(started))).isEqualTo("authorization_pending");
        assertThat(errorOf(poll(started))).isEqualTo("slow_down");
    }

    @Test
    void anExpiredDeviceCodeIsExpiredTokenAndItsUserCodeNamesNothing() throws Exception {
        DeviceAuthorizationSuccessResponse started = startDevice();
        // Ten minutes pass: the request's end is moved into the past in the store, as the clock would move it.
        try (Connection connection = DriverManager.getConnection((String) datasource().get("datasources.default.url"),
                (String) datasource().get("datasources.default.username"),
                (String) datasource().get("datasources.default.password"));
             PreparedStatement expire = connection.prepareStatement(
                     "update device_authorization set expires_at = ? where state = 'PENDING'")) {
            expire.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
            assertThat(expire.executeUpdate()).isPositive();
        }

        assertThat(errorOf(poll(started))).isEqualTo("expired_token");
        HttpResponse<String> late = signedIn().postWithFormToken("/console/device",
                Map.of("user_code", started.getUserCode().getValue()), Map.of());
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(late.body()).doesNotContain("Acme CLI");
    }

    @Test
    void aDeniedRequestIsAccessDeniedAndAWrongCodeNamesNothing() throws Exception {
        DeviceAuthorizationSuccessResponse started = startDevice();
        ConsoleHttpClient browser = signedIn();

        HttpResponse<String> wrong = browser.postWithFormToken("/console/device", Map.of("user_code", "BCDF-GHJK"),
                Map.of());
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).contains("not right").doesNotContain("Acme CLI");
        browser.postWithFormToken("/console/device/decision",
                Map.of("user_code", started.getUserCode().getValue(), "decision", "deny"), Map.of());

        assertThat(errorOf(poll(started))).isEqualTo("access_denied");
    }

    @Test
    void someoneNotSignedInIsSentToSignInAndBackToTheirCode() throws Exception {
        String userCode = startDevice().getUserCode().getValue();
        ConsoleHttpClient browser = new ConsoleHttpClient(node());

        HttpResponse<String> toSignIn = browser.get("/console/device?user_code=" + userCode);
        String back = "/console/device?user_code=" + userCode;
        assertThat(toSignIn.statusCode()).isEqualTo(303);
        assertThat(toSignIn.headers().firstValue("Location")).contains("/console/sign-in?return="
                + URLEncoder.encode(back, StandardCharsets.UTF_8));
        assertThat(browser.get(toSignIn.headers().firstValue("Location").orElseThrow()).body())
                .contains("name=\"return\" value=\"" + back + "\"");
        HttpResponse<String> signedIn = browser.post("/console/sign-in", Map.of("username", LatchkeyNode.ADMIN,
                "password", LatchkeyNode.ADMIN_PASSWORD, "return", back, "signin", formField(browser)), Map.of());
        assertThat(signedIn.headers().firstValue("Location")).contains(back);
        HttpResponse<String> elsewhere = new ConsoleHttpClient(node()).get(
                "/console/sign-in?return=" + URLEncoder.encode("//evil.example/x", StandardCharsets.UTF_8));
        assertThat(elsewhere.body()).as("only console pages are returned to").doesNotContain("name=\"return\"");
    }

    private static String formField(ConsoleHttpClient browser) throws Exception {
        String page = browser.get("/console/sign-in").body();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"signin\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
