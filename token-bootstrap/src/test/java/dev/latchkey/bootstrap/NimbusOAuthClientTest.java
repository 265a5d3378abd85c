package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
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
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.latchkey.adapter.persistence.InMemoryH2Database;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A widely used third-party OAuth 2.0 client, the Nimbus OAuth 2.0 SDK, configured from Latchkey's RFC 8414
 * metadata: it obtains, refreshes, introspects and revokes tokens with no Latchkey code on its side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NimbusOAuthClientTest {

    private LatchkeyNode node;
    private AuthorizationServerMetadata metadata;
    private ClientSecretBasic gateway;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        node = new LatchkeyNode(new InMemoryH2Database().start(), Map.of());
        metadata = AuthorizationServerMetadata.resolve(new Issuer(node.url()));
        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(node.url() + "/api/v1/clients"))
                .header("Authorization", EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"nimbus\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> client = node.context().getBean(JsonMapper.class).readValue(registered.body(), Map.class);
        gateway = new ClientSecretBasic(new ClientID((String) client.get("clientId")),
                new Secret((String) client.get("clientSecret")));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private TokenResponse send(TokenRequest request) throws Exception {
        return TokenResponse.parse(request.toHTTPRequest().send());
    }

    private TokenIntrospectionSuccessResponse introspect(com.nimbusds.oauth2.sdk.token.Token token) throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), gateway, token).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return response.toSuccessResponse();
    }

    @Test
    void theSdkFindsTheEndpointsInTheMetadata() {
        assertThat(metadata.getIssuer().getValue()).isEqualTo(node.url());
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create(node.url() + "/oauth2/token"));
        assertThat(metadata.getRevocationEndpointURI()).isNotNull();
        assertThat(metadata.getIntrospectionEndpointURI()).isNotNull();
    }

    @Test
    void obtainRefreshIntrospectAndRevoke() throws Exception {
        TokenResponse obtained = send(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                new ResourceOwnerPasswordCredentialsGrant(LatchkeyNode.ADMIN, new Secret(LatchkeyNode.ADMIN_PASSWORD)),
                new Scope("read", "write")));
        assertThat(obtained.indicatesSuccess()).isTrue();
        Tokens first = ((AccessTokenResponse) obtained).getTokens();
        assertThat(first.getBearerAccessToken().getLifetime()).isEqualTo(3600);
        assertThat(first.getBearerAccessToken().getScope()).isEqualTo(new Scope("read", "write"));

        TokenResponse refreshed = send(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                new RefreshTokenGrant(first.getRefreshToken())));
        assertThat(refreshed.indicatesSuccess()).isTrue();
        Tokens second = ((AccessTokenResponse) refreshed).getTokens();

        TokenIntrospectionSuccessResponse active = introspect(second.getAccessToken());
        assertThat(active.isActive()).isTrue();
        assertThat(active.getUsername()).isEqualTo(LatchkeyNode.ADMIN);
        assertThat(active.getScope()).isEqualTo(new Scope("read", "write"));
        assertThat(active.getClientID()).isEqualTo(gateway.getClientID());
        assertThat(active.getExpirationTime()).isNotNull();

        HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), gateway,
                second.getRefreshToken()).toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(introspect(second.getAccessToken()).isActive()).isFalse();
        assertThat(introspect(second.getRefreshToken()).isActive()).isFalse();

        TokenResponse afterRevocation = send(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                new RefreshTokenGrant(second.getRefreshToken())));
        assertThat(afterRevocation.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) afterRevocation).getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void theSdkParsesOurErrors() throws Exception {
        TokenResponse refused = send(new TokenRequest(metadata.getTokenEndpointURI(), gateway,
                new ResourceOwnerPasswordCredentialsGrant(LatchkeyNode.ADMIN, new Secret("wrong password")), null));

        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) refused).getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(((TokenErrorResponse) refused).getErrorObject().getHTTPStatusCode()).isEqualTo(400);
    }
}
