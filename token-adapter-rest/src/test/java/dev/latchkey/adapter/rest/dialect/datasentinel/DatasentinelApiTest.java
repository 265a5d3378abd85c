package dev.latchkey.adapter.rest.dialect.datasentinel;

import static dev.latchkey.adapter.rest.ApiFixtures.ALICE;
import static dev.latchkey.adapter.rest.ApiFixtures.ALICE_CALLER;
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
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Datasentinel's user tokens over the real Netty server, the use cases mocked: its shapes and its refusals. */
@MicronautTest
class DatasentinelApiTest {

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
    InspectTokenUseCase inspectToken;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(IssueTokenUseCase.class)
    IssueTokenUseCase issueToken() {
        return mock(IssueTokenUseCase.class);
    }

    @MockBean(InspectTokenUseCase.class)
    InspectTokenUseCase inspectToken() {
        return mock(InspectTokenUseCase.class);
    }

    @BeforeEach
    void aliceCanLogIn() {
        reset(authenticate, issueToken, inspectToken);
        ApiFixtures.aliceAlone(authenticate);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    @Test
    void aUserTokenIsAnAccountJwtOfTheConfiguredLifetime() throws Exception {
        Token token = ApiFixtures.token(Optional.of(ApiFixtures.NOW.plus(Duration.ofHours(24))));
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.Issued(token, "eyJ.header.sig"));

        HttpResponse<String> created = calls().send("POST", "/ds-api/user-token", ALICE_BASIC, null, null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(calls().bodyOf(created)).isEqualTo(Map.of("user-token", "eyJ.header.sig"));
        ArgumentCaptor<IssueTokenUseCase.IssueTokenCommand> command =
                ArgumentCaptor.forClass(IssueTokenUseCase.IssueTokenCommand.class);
        verify(issueToken).issue(command.capture());
        assertThat(command.getValue().issuer()).isEqualTo(ALICE_CALLER);
        assertThat(command.getValue().format()).isEqualTo(IssueTokenUseCase.CredentialFormat.ACCOUNT_JWT);
    }

    @Test
    void anIssueTheCoreRefusesAndBadCredentialsAreThePlatformsPlain401() throws Exception {
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.DelegationRefused("outlives"));

        HttpResponse<String> refused = calls().send("POST", "/ds-api/user-token", ALICE_BASIC, null, null);
        HttpResponse<String> stranger = calls().send("POST", "/ds-api/user-token",
                ApiCalls.basic("alice", "wrong"), null, null);

        for (HttpResponse<String> response : java.util.List.of(refused, stranger)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(calls().bodyOf(response)).containsOnlyKeys("message");
            assertThat(response.body()).doesNotContain("urn:latchkey:problem");
        }
    }

    @Test
    void aTokensInfoNamesItsOwnerAndExpiryUnderEitherParameterName() throws Exception {
        Token token = ApiFixtures.token(Optional.of(ApiFixtures.NOW.plus(Duration.ofHours(24))));
        when(inspectToken.inspectPresented(any())).thenReturn(new InspectTokenUseCase.PresentedOutcome.Found(
                new TokenDetails(token, new TokenStatus.Active()), ALICE));

        for (String parameter : java.util.List.of("token", "user-token")) {
            HttpResponse<String> info = calls().send("GET", "/ds-api/user-token?" + parameter + "=eyJ.a.b",
                    ALICE_BASIC, null, null);
            assertThat(info.statusCode()).as(parameter).isEqualTo(200);
            assertThat(calls().bodyOf(info)).isEqualTo(Map.of("email", "alice@example.com",
                    "expire_time", "2026-12-06 08:00:00", "organization_name", "Blue", "user", "alice"));
        }
    }

    @Test
    void aMissingOrUnknownTokenIsRefusedInThePlatformsShape() throws Exception {
        when(inspectToken.inspectPresented(any())).thenReturn(new InspectTokenUseCase.PresentedOutcome.NotFound());

        HttpResponse<String> missing = calls().send("GET", "/ds-api/user-token", ALICE_BASIC, null, null);
        HttpResponse<String> unknown = calls().send("GET", "/ds-api/user-token?token=nope", ALICE_BASIC, null, null);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(calls().bodyOf(missing)).containsEntry("message", "The user-token parameter is required.");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(calls().bodyOf(unknown)).containsOnlyKeys("message");
    }

    @Test
    void withoutCredentialsNothingIsAsked() throws Exception {
        HttpResponse<String> anonymous = calls().send("POST", "/ds-api/user-token", null, null, null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(calls().bodyOf(anonymous)).containsOnlyKeys("message");
        verifyNoInteractions(issueToken, inspectToken);
    }
}
