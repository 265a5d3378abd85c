package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAuth 2.0 clients beyond the confidential gateway, driven by the Nimbus OAuth 2.0 SDK through the real server:
 * a service account's client-credentials grant, a public client's password and refresh grants with its id alone,
 * token exchange for a narrower token, and every refusal between them.
 */
abstract class OAuthClientsScenario extends ServiceOnTestDatabase {

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private JsonMapper json;
    private AuthorizationServerMetadata metadata;
    private ClientSecretBasic gateway;

    @BeforeAll
    void discover() throws Exception {
        json = node().context().getBean(JsonMapper.class);
        metadata = AuthorizationServerMetadata.resolve(new Issuer(node().url()));
        Map<String, Object> registered = register("{\"name\":\"gateway\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}");
        gateway = new ClientSecretBasic(new ClientID((String) registered.get("clientId")),
                new Secret((String) registered.get("clientSecret")));
    }

    @Test
    void aServiceGetsItsOwnTokensLimitedToItsRegisteredScopes() throws Exception {
        Map<String, Object> billing = register("{\"name\":\"billing\",\"grantTypes\":[\"client_credentials\"],"
                + "\"scopes\":[\"reports:read\",\"reports:write\"]}");
        ClientSecretBasic service = secretBasic(billing);
        String clientId = (String) billing.get("clientId");

        AccessTokenResponse narrow = granted(new TokenRequest(metadata.getTokenEndpointURI(), service,
                new ClientCredentialsGrant(), new Scope("reports:read")));
        AccessTokenResponse registeredScopes = granted(new TokenRequest(metadata.getTokenEndpointURI(), service,
                new ClientCredentialsGrant()));

        assertThat(narrow.getTokens().getRefreshToken()).as("no refresh token for client credentials").isNull();
        TokenIntrospectionSuccessResponse introspected = introspect(narrow.getTokens().getAccessToken());
        assertThat(introspected.isActive()).isTrue();
        assertThat(introspected.getClientID()).hasToString(clientId);
        assertThat(introspected.getSubject()).as("sub is the client").hasToString(clientId);
        assertThat(introspected.getScope()).isEqualTo(new Scope("reports:read"));
        assertThat(registeredScopes.getTokens().getAccessToken().getScope())
                .isEqualTo(new Scope("reports:read", "reports:write"));
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), service, new ClientCredentialsGrant(),
                new Scope("reports:delete")), "invalid_scope");
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), service, password()),
                "unauthorized_client");
    }

    @Test
    void administratorsListAndRevokeAServicesTokensAndDisablingItRevokesThemAll() throws Exception {
        Map<String, Object> reporter = register("{\"name\":\"reporter\",\"grantTypes\":[\"client_credentials\"]}");
        ClientSecretBasic service = secretBasic(reporter);
        String clientId = (String) reporter.get("clientId");
        BearerAccessToken first = (BearerAccessToken) granted(new TokenRequest(metadata.getTokenEndpointURI(),
                service, new ClientCredentialsGrant())).getTokens().getAccessToken();
        BearerAccessToken second = (BearerAccessToken) granted(new TokenRequest(metadata.getTokenEndpointURI(),
                service, new ClientCredentialsGrant())).getTokens().getAccessToken();

        Map<String, Object> listed = body(send("GET", "/api/v1/clients/" + clientId + "/tokens", admin, null, null));
        assertThat(listed).containsEntry("total", 2);
        String firstId = introspect(first).getJWTID().getValue();
        assertThat(send("DELETE", "/api/v1/clients/" + clientId + "/tokens/" + firstId, admin, null, null)
                .statusCode()).isEqualTo(204);
        assertThat(introspect(first).isActive()).isFalse();
        assertThat(introspect(second).isActive()).isTrue();
        assertThat(send("DELETE", "/api/v1/clients/" + clientId + "/tokens/" + introspectedIdOfAnotherToken(), admin,
                null, null).statusCode()).as("only the client's own tokens").isEqualTo(404);

        HttpResponse<String> disabled = send("PATCH", "/api/v1/clients/" + clientId, admin, "application/json",
                "{\"enabled\":false}");
        assertThat(body(disabled)).containsEntry("enabled", false);
        assertThat(introspect(second).isActive()).as("disabling the client revoked its tokens").isFalse();
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), service, new ClientCredentialsGrant()),
                "invalid_client");
        assertThat(send("GET", "/api/v1/clients/" + clientId, admin, null, null).body())
                .contains("\"enabled\":false");
        assertThat(send("GET", "/api/v1/clients", admin, null, null).body()).contains(clientId);
    }

    @Test
    void aRotatedSecretWorksAtOnceAndTheOldOneOnlyForItsOverlap() throws Exception {
        Map<String, Object> registered = register("{\"name\":\"ledger\",\"grantTypes\":[\"client_credentials\"]}");
        ClientSecretBasic original = secretBasic(registered);
        String clientId = (String) registered.get("clientId");
        BearerAccessToken kept = (BearerAccessToken) granted(new TokenRequest(metadata.getTokenEndpointURI(),
                original, new ClientCredentialsGrant())).getTokens().getAccessToken();

        Map<String, Object> routine = body(send("POST", "/api/v1/clients/" + clientId + "/secret", admin,
                "application/json", "{\"previousSecretValidForSeconds\":600}"));
        ClientSecretBasic second = secretBasic(routine);
        assertThat(routine).containsEntry("revokedTokens", 0).containsKey("previousSecretValidUntil");
        assertThat(routine.get("clientSecret")).isNotEqualTo(registered.get("clientSecret"));
        granted(new TokenRequest(metadata.getTokenEndpointURI(), second, new ClientCredentialsGrant()));
        granted(new TokenRequest(metadata.getTokenEndpointURI(), original, new ClientCredentialsGrant()));
        assertThat(introspect(kept).isActive()).as("a routine rotation keeps the tokens").isTrue();
        assertThat(body(send("GET", "/api/v1/clients/" + clientId, admin, null, null)))
                .containsEntry("previousSecretValidUntil", routine.get("previousSecretValidUntil"));

        HttpResponse<String> leaked = send("POST", "/api/v1/clients/" + clientId + "/secret", admin, null, null);
        assertThat(leaked.statusCode()).isEqualTo(200);
        ClientSecretBasic third = secretBasic(body(leaked));
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), original, new ClientCredentialsGrant()),
                "invalid_client");
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), second, new ClientCredentialsGrant()),
                "invalid_client");
        assertThat(introspect(kept).isActive()).isTrue();

        Map<String, Object> revoking = body(send("POST", "/api/v1/clients/" + clientId + "/secret", admin,
                "application/json", "{\"revokeTokens\":true}"));
        assertThat((Integer) revoking.get("revokedTokens")).isGreaterThanOrEqualTo(3);
        assertThat(introspect(kept).isActive()).as("revoked with the old secret").isFalse();
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), third, new ClientCredentialsGrant()),
                "invalid_client");
        granted(new TokenRequest(metadata.getTokenEndpointURI(), secretBasic(revoking), new ClientCredentialsGrant()));
        assertThat(send("GET", "/api/v1/admin/audit?type=client.changed", admin, null, null).body())
                .contains("secret=rotated").doesNotContain((String) revoking.get("clientSecret"));
    }

    @Test
    void aPublicClientUsesThePasswordAndRefreshGrantsWithItsIdAlone() throws Exception {
        ClientID cli = new ClientID((String) register("{\"name\":\"cli\",\"type\":\"public\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}").get("clientId"));
        ClientID otherApp = new ClientID((String) register("{\"name\":\"app\",\"type\":\"public\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}").get("clientId"));

        AccessTokenResponse tokens = granted(new TokenRequest(metadata.getTokenEndpointURI(), cli, password(),
                new Scope("read")));
        RefreshToken refreshToken = tokens.getTokens().getRefreshToken();
        assertThat(introspect(tokens.getTokens().getAccessToken()).getClientID()).isEqualTo(cli);

        assertError(new TokenRequest(metadata.getTokenEndpointURI(), otherApp, new RefreshTokenGrant(refreshToken)),
                "invalid_grant");
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), new RefreshTokenGrant(refreshToken)),
                "invalid_grant");
        AccessTokenResponse refreshed = granted(new TokenRequest(metadata.getTokenEndpointURI(), cli,
                new RefreshTokenGrant(refreshToken)));
        assertThat(introspect(refreshed.getTokens().getAccessToken()).isActive()).isTrue();

        HTTPResponse ownRevocation = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), cli,
                refreshed.getTokens().getAccessToken()).toHTTPRequest().send();
        assertThat(ownRevocation.getStatusCode()).isEqualTo(200);
        assertThat(introspect(refreshed.getTokens().getAccessToken()).isActive()).isFalse();
    }

    @Test
    void aPublicClientCannotActAsItselfNorTouchOthersTokens() throws Exception {
        ClientID cli = new ClientID((String) register("{\"name\":\"cli\",\"type\":\"public\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}").get("clientId"));
        AccessTokenResponse gatewayTokens = granted(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                password()));

        // The SDK will not even build this request; a client that tries sends this.
        HttpResponse<String> asItself = send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + cli);
        assertThat(asItself.statusCode()).isEqualTo(400);
        assertThat(body(asItself)).containsEntry("error", "unauthorized_client");
        // The SDK offers no introspection as a public client (RFC 7662 has none); a client that tries sends this.
        HttpResponse<String> introspection = send("POST", "/oauth2/introspect", null,
                "application/x-www-form-urlencoded", "client_id=" + cli + "&token="
                        + gatewayTokens.getTokens().getAccessToken().getValue());
        assertThat(introspection.statusCode()).isEqualTo(401);
        assertThat(body(introspection)).containsEntry("error", "invalid_client");
        HTTPResponse revocation = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), cli,
                gatewayTokens.getTokens().getAccessToken()).toHTTPRequest().send();
        assertThat(revocation.getStatusCode()).isEqualTo(400);
        assertThat(revocation.getBodyAsJSONObject()).containsEntry("error", "unauthorized_client");
        assertThat(introspect(gatewayTokens.getTokens().getAccessToken()).isActive()).isTrue();

        assertError(new TokenRequest(metadata.getTokenEndpointURI(), gateway.getClientID(), password()),
                "invalid_client");
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), new ClientID("no-such-client"),
                password()), "invalid_client");
    }

    @Test
    void tokenExchangeGivesANarrowerTokenAndRefusesAnythingWider() throws Exception {
        AccessTokenResponse subject = granted(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                password(), new Scope("read", "write")));
        BearerAccessToken subjectToken = (BearerAccessToken) subject.getTokens().getAccessToken();

        AccessTokenResponse exchanged = granted(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                exchange(subjectToken, "https://reports.example"), new Scope("read")));

        assertThat(exchanged.getTokens().getAccessToken().getIssuedTokenType()).isEqualTo(TokenTypeURI.ACCESS_TOKEN);
        assertThat(exchanged.getTokens().getRefreshToken()).isNull();
        assertThat(exchanged.getTokens().getAccessToken().getLifetime())
                .isLessThanOrEqualTo(subjectToken.getLifetime());
        TokenIntrospectionSuccessResponse introspected = introspect(exchanged.getTokens().getAccessToken());
        assertThat(introspected.getScope()).isEqualTo(new Scope("read"));
        assertThat(introspected.getAudience()).containsExactly(new Audience("https://reports.example"));
        assertThat(introspected.getSubject()).isEqualTo(introspect(subjectToken).getSubject());

        assertError(new TokenRequest(metadata.getTokenEndpointURI(), gateway, exchange(subjectToken, null),
                new Scope("read", "admin")), "invalid_scope");
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                exchange((BearerAccessToken) exchanged.getTokens().getAccessToken(), "https://billing.example")),
                "invalid_target");
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                new TokenExchangeGrant(new BearerAccessToken(subject.getTokens().getRefreshToken().getValue()),
                        TokenTypeURI.ACCESS_TOKEN)), "invalid_grant");

        // Revoking the subject's grant (through its refresh token) takes the exchanged token with it.
        new TokenRevocationRequest(metadata.getRevocationEndpointURI(), gateway, subject.getTokens().getRefreshToken())
                .toHTTPRequest().send();
        assertThat(introspect(exchanged.getTokens().getAccessToken()).isActive()).isFalse();
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), gateway, exchange(subjectToken, null)),
                "invalid_grant");
    }

    @Test
    void anExpiredSubjectTokenIsNotExchanged() throws Exception {
        Map<String, Object> issued = body(send("POST", "/api/v1/tokens", admin, "application/json",
                "{\"description\":\"short\",\"lifetimeSeconds\":1}"));
        BearerAccessToken shortLived = new BearerAccessToken((String) issued.get("token"));
        Thread.sleep(1_100);

        assertError(new TokenRequest(metadata.getTokenEndpointURI(), gateway, exchange(shortLived, null)),
                "invalid_grant");
    }

    @Test
    void registrationRefusesWhatNoClientMayHave() throws Exception {
        assertThat(send("POST", "/api/v1/clients", admin, "application/json",
                "{\"name\":\"x\",\"type\":\"public\",\"grantTypes\":[\"client_credentials\"]}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/clients", admin, "application/json",
                "{\"name\":\"x\",\"grantTypes\":[\"implicit\"]}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/clients", admin, "application/json",
                "{\"name\":\"x\",\"type\":\"secret\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/clients", admin, "application/json",
                "{\"name\":\"x\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"introspect\"]}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/clients", admin, "application/json",
                "{\"name\":\"x\",\"grantTypes\":[]}").statusCode()).isEqualTo(400);
        Map<String, Object> publicClient = register("{\"name\":\"app\",\"type\":\"public\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}");
        assertThat(publicClient).doesNotContainKey("clientSecret").containsEntry("type", "public");
    }

    @Test
    void aNewClientSignsPeopleInByDefaultAndGetsThePasswordGrantOnlyByAskingForIt() throws Exception {
        Map<String, Object> web = register("{\"name\":\"web\",\"redirectUris\":[\"https://app.example/callback\","
                + "\"http://127.0.0.1/callback\"],\"consentSkipped\":true}");
        Map<String, Object> service = register("{\"name\":\"svc\",\"scopes\":[\"reports:read\"]}");

        assertThat(web).containsEntry("grantTypes", List.of("authorization_code", "refresh_token"))
                .containsEntry("redirectUris", List.of("https://app.example/callback", "http://127.0.0.1/callback"))
                .containsEntry("consentSkipped", true).containsEntry("pushedRequestsRequired", false);
        assertThat(service).containsEntry("grantTypes",
                List.of("authorization_code", "refresh_token", "client_credentials"));
        assertError(new TokenRequest(metadata.getTokenEndpointURI(), secretBasic(web), password()),
                "unauthorized_client");
        for (String refused : List.of("http://app.example/callback", "https://app.example/cb#top", "/callback",
                "javascript:alert(1)")) {
            HttpResponse<String> answer = send("POST", "/api/v1/clients", admin, "application/json",
                    "{\"name\":\"x\",\"redirectUris\":[\"" + refused + "\"]}");
            assertThat(answer.statusCode()).as(refused).isEqualTo(400);
            assertThat(answer.body()).contains("redirectUris").doesNotContain(refused);
        }
    }

    @Test
    void theMetadataNamesEveryGrantAndAuthenticationMethod() {
        assertThat(metadata.getGrantTypes()).extracting(Object::toString).contains("password", "refresh_token",
                "client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange");
        assertThat(metadata.getGrantTypes()).extracting(Object::toString)
                .contains("urn:ietf:params:oauth:grant-type:device_code", "authorization_code");
        assertThat(metadata.getDeviceAuthorizationEndpointURI())
                .hasToString(node().url() + "/oauth2/device_authorization");
        assertThat(metadata.getTokenEndpointAuthMethods()).extracting(Object::toString)
                .contains("client_secret_basic", "client_secret_post", "none");
        assertThat(metadata.getIntrospectionEndpointAuthMethods()).extracting(Object::toString)
                .doesNotContain("none");
        assertThat(metadata.getRevocationEndpointAuthMethods()).extracting(Object::toString).contains("none");
    }

    private String introspectedIdOfAnotherToken() throws Exception {
        return introspect(granted(new TokenRequest(metadata.getTokenEndpointURI(), gateway, password()))
                .getTokens().getAccessToken()).getJWTID().getValue();
    }

    private static AuthorizationGrant password() {
        return new ResourceOwnerPasswordCredentialsGrant(LatchkeyNode.ADMIN, new Secret(LatchkeyNode.ADMIN_PASSWORD));
    }

    private static TokenExchangeGrant exchange(BearerAccessToken subject, String audience) {
        return new TokenExchangeGrant(subject, TokenTypeURI.ACCESS_TOKEN, null, null, TokenTypeURI.ACCESS_TOKEN,
                audience == null ? null : List.of(new Audience(audience)));
    }

    private AccessTokenResponse granted(TokenRequest request) throws Exception {
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as("%s", response instanceof TokenErrorResponse error
                ? error.getErrorObject().toJSONObject() : "").isTrue();
        return response.toSuccessResponse();
    }

    private void assertError(TokenRequest request, String error) throws Exception {
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isFalse();
        ErrorObject refusal = response.toErrorResponse().getErrorObject();
        assertThat(refusal.getCode()).as("%s", refusal.toJSONObject()).isEqualTo(error);
    }

    private TokenIntrospectionSuccessResponse introspect(com.nimbusds.oauth2.sdk.token.Token token) throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), gateway, token).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return response.toSuccessResponse();
    }

    private static ClientSecretBasic secretBasic(Map<String, Object> registered) {
        return new ClientSecretBasic(new ClientID((String) registered.get("clientId")),
                new Secret((String) registered.get("clientSecret")));
    }

    private Map<String, Object> register(String request) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/clients", admin, "application/json", request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Map.class);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType,
                                      String body) throws Exception {
        return HttpCalls.send(node(), method, path, HttpCalls.headers(authorization, contentType), body);
    }
}
