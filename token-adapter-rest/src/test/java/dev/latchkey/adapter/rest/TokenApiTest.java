package dev.latchkey.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.TokenStatus;
import dev.latchkey.domain.Username;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import dev.latchkey.application.port.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * The native API through the real Netty server, with the use cases mocked: what goes over the wire for every
 * outcome, and that no bad input ever reaches a 500.
 */
@MicronautTest
class TokenApiTest {

    private static final Caller ALICE = Caller.byPassword(new AccountId(UUID.randomUUID()), Username.of("alice"),
            Role.USER);
    private static final String ALICE_BASIC = ApiCalls.basic("alice", "alice-password");
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00.123Z");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AuthenticateUseCase authenticate;
    @Inject
    IssueTokenUseCase issueToken;
    @Inject
    ListTokensUseCase listTokens;
    @Inject
    InspectTokenUseCase inspectToken;
    @Inject
    RevokeTokenUseCase revokeToken;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(IssueTokenUseCase.class)
    IssueTokenUseCase issueToken() {
        return mock(IssueTokenUseCase.class);
    }

    @MockBean(ListTokensUseCase.class)
    ListTokensUseCase listTokens() {
        return mock(ListTokensUseCase.class);
    }

    @MockBean(InspectTokenUseCase.class)
    InspectTokenUseCase inspectToken() {
        return mock(InspectTokenUseCase.class);
    }

    @MockBean(RevokeTokenUseCase.class)
    RevokeTokenUseCase revokeToken() {
        return mock(RevokeTokenUseCase.class);
    }

    @MockBean(dev.latchkey.application.port.in.RotateTokenUseCase.class)
    dev.latchkey.application.port.in.RotateTokenUseCase rotateToken() {
        return mock(dev.latchkey.application.port.in.RotateTokenUseCase.class);
    }

    @BeforeEach
    void aliceCanLogIn() {
        reset(authenticate, issueToken, listTokens, inspectToken, revokeToken);
        when(authenticate.authenticate(any(AuthenticateUseCase.PasswordCredentials.class)))
                .thenReturn(new AuthenticateUseCase.Outcome.Refused(AuthenticateUseCase.Reason.BAD_CREDENTIALS));
        when(authenticate.authenticate(new AuthenticateUseCase.PasswordCredentials("alice", "alice-password", "127.0.0.1")))
                .thenReturn(new AuthenticateUseCase.Outcome.Authenticated(ALICE, "stamp"));
        when(authenticate.authenticate(any(AuthenticateUseCase.PresentedToken.class)))
                .thenReturn(new AuthenticateUseCase.Outcome.Refused(AuthenticateUseCase.Reason.UNKNOWN_TOKEN));
    }

    private static Token token(Expiry expiry) {
        return Token.issue(TokenAttributes.personal(new TokenId(UUID.randomUUID()), ALICE.accountId(),
                TokenDescription.of("ci"), Scopes.of("read"), expiry), NOW,
                TokenSecret.fromRandomBytes(new byte[32]).hash()).token();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType,
                                      String body) throws IOException, InterruptedException {
        return calls().send(method, path, authorization, contentType, body);
    }

    private HttpResponse<String> postJson(String body) throws IOException, InterruptedException {
        return send("POST", "/api/v1/tokens", ALICE_BASIC, "application/json", body);
    }

    private Map<String, Object> bodyOf(HttpResponse<String> response) throws IOException {
        return calls().bodyOf(response);
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        calls().assertProblem(response, status, type);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    @Test
    void issuingReturnsTheSecretOnceWithTheTokenInfo() throws Exception {
        Token token = token(Expiry.at(NOW.plusSeconds(3600)));
        TokenSecret secret = TokenSecret.fromRandomBytes(new byte[32]);
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.Issued(token, secret.reveal()));

        HttpResponse<String> response = postJson("{\"description\":\"ci\",\"lifetimeSeconds\":3600,\"scopes\":[\"read\"]}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Location")).contains("/api/v1/tokens/" + token.id());
        Map<String, Object> body = bodyOf(response);
        assertThat(body).containsEntry("token", secret.reveal());
        assertThat((Map<String, Object>) body.get("tokenInfo"))
                .containsEntry("tokenId", token.id().toString())
                .containsEntry("description", "ci")
                .containsEntry("scopes", List.of("read"))
                .containsEntry("createdAt", "2026-05-01T12:00:00.123Z")
                .containsEntry("expiresAt", "2026-05-01T13:00:00.123Z")
                .containsEntry("lastUsedAt", null)
                .containsEntry("status", "active");
    }

    @Test
    void aNeverExpiringTokenShowsANullExpiry() throws Exception {
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.Issued(token(Expiry.never()),
                TokenSecret.fromRandomBytes(new byte[32]).reveal()));

        HttpResponse<String> response = postJson("{\"lifetimeSeconds\":-1}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat((Map<String, Object>) bodyOf(response).get("tokenInfo")).containsEntry("expiresAt", null);
    }

    @Test
    void noCredentialsGetA401ProblemWithBothChallenges() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/tokens", null, null, null);

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Basic realm=\"latchkey\""))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Bearer realm=\"latchkey\""));
    }

    @Test
    void aWrongPasswordIsA401() throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("alice:nope".getBytes(StandardCharsets.UTF_8));

        assertProblem(send("GET", "/api/v1/tokens", wrong, null, null), 401, "unauthenticated");
    }

    @Test
    void garbageBasicCredentialsAreA401NotA500() throws Exception {
        assertProblem(send("GET", "/api/v1/tokens", "Basic %%%not-base64", null, null), 401, "unauthenticated");
        String noColon = "Basic " + Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.UTF_8));
        assertProblem(send("GET", "/api/v1/tokens", noColon, null, null), 401, "unauthenticated");
    }

    @Test
    void aRefusedBearerTokenIsToldItIsInvalid() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/tokens", "Bearer lk_whatever", null, null);

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .anySatisfy(challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
        assertThat(response.body()).doesNotContain("lk_whatever");
    }

    @Test
    void malformedJsonIsAProblemThatDoesNotEchoTheBody() throws Exception {
        HttpResponse<String> response = postJson("{\"description\": \"secret-ish\", ");

        assertProblem(response, 400, "malformed-body");
        assertThat(response.body()).doesNotContain("secret-ish");
    }

    @Test
    void aWrongTypedFieldIsA400() throws Exception {
        assertThat(postJson("{\"lifetimeSeconds\":\"soon\"}").statusCode()).isEqualTo(400);
        assertThat(postJson("{\"scopes\":\"read\"}").statusCode()).isEqualTo(400);
        assertThat(postJson("{\"lifetimeSeconds\":1.5}").statusCode()).isEqualTo(400);
        assertThat(postJson("[1,2,3]").statusCode()).isEqualTo(400);
        verify(issueToken, never()).issue(any());
    }

    @Test
    void aZeroLifetimeNamesTheField() throws Exception {
        HttpResponse<String> response = postJson("{\"lifetimeSeconds\":0}");

        assertProblem(response, 400, "invalid-request");
        assertThat(bodyOf(response).get("errors").toString()).contains("lifetimeSeconds");
    }

    @Test
    void hugeLifetimesAreRejectedNotWrappedAround() throws Exception {
        assertProblem(postJson("{\"lifetimeSeconds\":9223372036854775807}"), 400, "invalid-request");
        assertProblem(postJson("{\"lifetimeSeconds\":1e30}"), 400, "invalid-request");
        assertProblem(postJson("{\"lifetimeSeconds\":-2}"), 400, "invalid-request");
        verify(issueToken, never()).issue(any());
    }

    @Test
    void anOverlongDescriptionNamesTheField() throws Exception {
        HttpResponse<String> response = postJson("{\"description\":\"" + "x".repeat(201) + "\"}");

        assertProblem(response, 400, "invalid-request");
        assertThat(bodyOf(response).get("errors").toString()).contains("description");
    }

    @Test
    void anInvalidScopeNamesTheField() throws Exception {
        HttpResponse<String> response = postJson("{\"scopes\":[\"has space\"]}");

        assertProblem(response, 400, "invalid-request");
        assertThat(bodyOf(response).get("errors").toString()).contains("scopes");
    }

    @Test
    void aLifetimeThePolicyRefusesIsA400NamingTheRule() throws Exception {
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.PolicyViolated(
                new TokenPolicy.Violation(TokenPolicy.Rule.MAXIMUM_LIFETIME, "too long")));

        HttpResponse<String> response = postJson("{\"lifetimeSeconds\":99999999}");

        assertProblem(response, 400, "lifetime-not-allowed");
        assertThat(bodyOf(response)).containsEntry("detail", "maximum-lifetime: too long");
    }

    @Test
    void tooManyActiveTokensIsA409NamingTheRule() throws Exception {
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.PolicyViolated(
                new TokenPolicy.Violation(TokenPolicy.Rule.MAXIMUM_ACTIVE_TOKENS, "at most 3")));

        HttpResponse<String> response = postJson("{}");

        assertProblem(response, 409, "policy-violated");
        assertThat(bodyOf(response)).containsEntry("detail", "maximum-active-tokens: at most 3");
    }

    @Test
    void aDelegationRefusalIsA403() throws Exception {
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.DelegationRefused("nope"));

        assertProblem(postJson("{}"), 403, "delegation-not-allowed");
    }

    @Test
    void anEmptyBodyTakesEveryDefault() throws Exception {
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.Issued(token(Expiry.never()),
                TokenSecret.fromRandomBytes(new byte[32]).reveal()));

        assertThat(send("POST", "/api/v1/tokens", ALICE_BASIC, null, null).statusCode()).isEqualTo(201);
    }

    @Test
    void listingReturnsDataAndPaging() throws Exception {
        Token token = token(Expiry.never());
        when(listTokens.list(any())).thenReturn(new ListTokensUseCase.TokenListing(
                List.of(new TokenDetails(token, new TokenStatus.Active())), 0, 20, 1));

        HttpResponse<String> response = send("GET", "/api/v1/tokens", ALICE_BASIC, null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        Map<String, Object> body = bodyOf(response);
        assertThat(body).containsEntry("total", 1).containsEntry("page", 0).containsEntry("size", 20);
        assertThat(body.get("data").toString()).contains(token.id().toString()).doesNotContain("lk_");
    }

    @Test
    void badPagingIsA400() throws Exception {
        assertProblem(send("GET", "/api/v1/tokens?size=1000", ALICE_BASIC, null, null), 400, "invalid-request");
        assertProblem(send("GET", "/api/v1/tokens?page=abc", ALICE_BASIC, null, null), 400, "invalid-request");
    }

    @Test
    void inspectingAnUnknownOrMalformedIdIsA404Problem() throws Exception {
        when(inspectToken.inspect(any())).thenAnswer(invocation -> new InspectTokenUseCase.Outcome.NotFound(
                ((InspectTokenUseCase.InspectTokenQuery) invocation.getArgument(0)).tokenId()));

        assertProblem(send("GET", "/api/v1/tokens/" + UUID.randomUUID(), ALICE_BASIC, null, null), 404,
                "token-not-found");
        assertProblem(send("GET", "/api/v1/tokens/not-a-uuid", ALICE_BASIC, null, null), 404, "token-not-found");
    }

    @Test
    void inspectingAnOwnedTokenShowsIt() throws Exception {
        Token token = token(Expiry.never());
        when(inspectToken.inspect(any())).thenReturn(new InspectTokenUseCase.Outcome.Found(
                new TokenDetails(token, new TokenStatus.Active())));

        HttpResponse<String> response = send("GET", "/api/v1/tokens/" + token.id(), ALICE_BASIC, null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bodyOf(response)).containsEntry("tokenId", token.id().toString());
    }

    @Test
    void selfNeedsABearerToken() throws Exception {
        assertProblem(send("GET", "/api/v1/tokens/self", ALICE_BASIC, null, null), 400, "no-token-presented");
    }

    @Test
    void revokingIs204AndUnknownIs404() throws Exception {
        Token token = token(Expiry.never());
        when(revokeToken.revoke(any())).thenReturn(new RevokeTokenUseCase.Outcome.Revoked(
                new TokenDetails(token, new TokenStatus.Active())));

        assertThat(send("DELETE", "/api/v1/tokens/" + token.id(), ALICE_BASIC, null, null).statusCode()).isEqualTo(204);

        when(revokeToken.revoke(any())).thenReturn(new RevokeTokenUseCase.Outcome.NotFound(token.id()));
        assertProblem(send("DELETE", "/api/v1/tokens/" + token.id(), ALICE_BASIC, null, null), 404, "token-not-found");
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() throws Exception {
        assertProblem(send("GET", "/api/v1/nothing-here", ALICE_BASIC, null, null), 404, "not-found");
        assertProblem(send("PUT", "/api/v1/tokens", ALICE_BASIC, "application/json", "{}"), 405, "method-not-allowed");
    }

    @Test
    void anUnavailableStoreIsA503WithRetryAfterThatRevealsNothing() throws Exception {
        // The persistence adapter translates the driver's failure; the REST adapter answers the port's exception.
        when(issueToken.issue(any())).thenThrow(new StoreUnavailableException("the store is unavailable",
                new java.sql.SQLTransientConnectionException("Connection to db-internal:5432 is not available")));

        HttpResponse<String> response = postJson("{}");

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.body()).contains("The token store is unavailable; retry shortly")
                .doesNotContain("db-internal");
    }

    @Test
    void anUnexpectedFailureIsA500ProblemThatRevealsNothing() throws Exception {
        when(issueToken.issue(any())).thenThrow(new IllegalStateException("connection to db-internal:5432 refused"));

        HttpResponse<String> response = postJson("{}");

        assertProblem(response, 500, "internal-error");
        assertThat(response.body()).doesNotContain("db-internal");
    }
}
