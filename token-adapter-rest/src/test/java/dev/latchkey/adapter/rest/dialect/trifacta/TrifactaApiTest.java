package dev.latchkey.adapter.rest.dialect.trifacta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.adapter.rest.ApiCalls;
import dev.latchkey.adapter.rest.ApiFixtures;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.LifetimeRequest;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.TokenStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Trifacta's v4 access tokens over the real Netty server, the use cases mocked: its shapes and its refusals. */
@MicronautTest
class TrifactaApiTest {

    private static final String ALICE_BASIC = ApiCalls.basic("alice", "alice-password");

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

    @BeforeEach
    void aliceCanLogIn() {
        reset(authenticate, issueToken, listTokens, inspectToken, revokeToken);
        ApiFixtures.aliceAlone(authenticate);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    private HttpResponse<String> create(String body) throws Exception {
        return calls().send("POST", "/v4/apiAccessTokens", ALICE_BASIC, "application/json", body);
    }

    @Test
    void minusOneMeansNeverAndTheTokenInfoHasThePlatformsFields() throws Exception {
        Token token = ApiFixtures.token(Optional.empty());
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.Issued(token, "lk_secret"));

        HttpResponse<String> created = create("{\"lifetimeSeconds\":-1,\"description\":\"forever\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> body = calls().bodyOf(created);
        assertThat(body).containsKeys("tokenValue", "tokenInfo");
        assertThat(body.get("tokenValue").toString()).doesNotContain("lk_secret");
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) body.get("tokenInfo");
        assertThat(info).containsEntry("tokenId", token.id().toString()).containsEntry("expiredAt", null)
                .containsEntry("lastUsed", null).containsKey("createdAt");
        ArgumentCaptor<IssueTokenUseCase.IssueTokenCommand> command =
                ArgumentCaptor.forClass(IssueTokenUseCase.IssueTokenCommand.class);
        verify(issueToken).issue(command.capture());
        assertThat(command.getValue().lifetime()).isEqualTo(LifetimeRequest.explicit(Lifetime.never()));
    }

    @Test
    void aBadBodyIsTheValidationErrorOfThePlatformBeforeAnyIssue() throws Exception {
        for (String body : List.of("{}", "{\"lifetimeSeconds\":1.5}", "{\"lifetimeSeconds\":\"100\"}",
                "{\"lifetimeSeconds\":100,\"scopes\":[]}", "[1]", "{\"lifetimeSeconds\":1e40}")) {
            HttpResponse<String> refused = create(body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(calls().bodyOf(refused)).as(body).containsOnlyKeys("exception");
            assertThat(refused.body()).as(body).contains("\"name\":\"ValidationFailed\"");
        }
        verifyNoInteractions(issueToken);
    }

    @Test
    void whatTheCoreRefusesIsAValidationErrorThatSaysWhy() throws Exception {
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.PolicyViolated(
                new TokenPolicy.Violation(TokenPolicy.Rule.MAXIMUM_LIFETIME, "at most 30 days")));

        HttpResponse<String> refused = create("{\"lifetimeSeconds\":99999999}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("ValidationFailed", "at most 30 days");
    }

    @Test
    void aRevokedOrUnknownTokenIsNotFoundAsOnTheplatform() throws Exception {
        Token revoked = Token.restore(ApiFixtures.token(Optional.empty()).attributes(), ApiFixtures.NOW,
                ApiFixtures.token(Optional.empty()).secretHash(), null,
                new Revocation(ApiFixtures.NOW, RevocationReason.REQUESTED), null);
        when(inspectToken.inspect(any())).thenReturn(new InspectTokenUseCase.Outcome.Found(new TokenDetails(revoked,
                new TokenStatus.Revoked(new Revocation(ApiFixtures.NOW, RevocationReason.REQUESTED)))));
        when(revokeToken.revoke(any())).thenReturn(new RevokeTokenUseCase.Outcome.NotFound(revoked.id()));

        for (String[] request : List.of(new String[] {"GET", "/v4/apiAccessTokens/" + revoked.id()},
                new String[] {"GET", "/v4/apiAccessTokens/not-an-id"},
                new String[] {"DELETE", "/v4/apiAccessTokens/" + revoked.id()},
                new String[] {"DELETE", "/v4/apiAccessTokens/not-an-id"})) {
            HttpResponse<String> response = calls().send(request[0], request[1], ALICE_BASIC, null, null);
            assertThat(response.statusCode()).as(String.join(" ", request)).isEqualTo(404);
            assertThat(response.body()).contains("AccessTokenNotFound");
        }
    }

    @Test
    void theListHasOnlyTheCallersUnrevokedPersonalTokens() throws Exception {
        Token token = ApiFixtures.token(Optional.empty());
        when(listTokens.listAll(any(), any())).thenReturn(List.of(new TokenDetails(token,
                new TokenStatus.Active())));

        HttpResponse<String> listed = calls().send("GET", "/v4/apiAccessTokens", ALICE_BASIC, null, null);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(token.id().toString());
        verify(listTokens).listAll(ApiFixtures.ALICE_CALLER, dev.latchkey.domain.TokenFilter.unrevokedPersonal());
    }

    @Test
    void anUnknownRouteUnderV4AnswersInThePlatformsShape() throws Exception {
        HttpResponse<String> unknown = calls().send("GET", "/v4/nothingHere", ALICE_BASIC, null, null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(calls().bodyOf(unknown)).containsOnlyKeys("exception");
    }
}
