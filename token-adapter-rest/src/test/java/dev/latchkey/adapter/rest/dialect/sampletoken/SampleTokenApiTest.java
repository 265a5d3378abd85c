package dev.latchkey.adapter.rest.dialect.sampletoken;

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
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase.PasswordIssueCommand;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenPolicy;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The Sample Token API over the real Netty server, the use case mocked: its two body shapes and its errors. */
@MicronautTest
class SampleTokenApiTest {

    private static final String FORM = "grant_type=password&username=alice&password=alice-password";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    IssueTokenWithPasswordUseCase issueToken;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(IssueTokenWithPasswordUseCase.class)
    IssueTokenWithPasswordUseCase issueToken() {
        return mock(IssueTokenWithPasswordUseCase.class);
    }

    @BeforeEach
    void fresh() {
        reset(issueToken);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    @Test
    void aFormOrItsJsonTwinGetsABearerTokenThatSupersedesTheUsersOlderOnes() throws Exception {
        Token token = ApiFixtures.token(Optional.of(ApiFixtures.NOW.plus(Duration.ofDays(14))));
        when(issueToken.issue(any())).thenReturn(new IssueTokenWithPasswordUseCase.Outcome.Issued(
                ApiFixtures.ALICE_CALLER, token, "lk_sample"));

        for (String[] request : List.of(new String[] {"application/x-www-form-urlencoded", FORM},
                new String[] {"application/json", FORM},
                new String[] {"application/json",
                        "{\"grant_type\":\"password\",\"username\":\"alice\",\"password\":\"alice-password\"}"})) {
            HttpResponse<String> issued = calls().send("POST", "/Token", null, request[0], request[1]);
            assertThat(issued.statusCode()).as(request[1]).isEqualTo(200);
            assertThat(calls().bodyOf(issued)).containsEntry("access_token", "lk_sample")
                    .containsEntry("token_type", "bearer").containsEntry("expires_in", 1_209_600)
                    .containsEntry("userName", "alice").containsEntry("role", "User")
                    .containsEntry(".issued", "Sat, 05 Dec 2026 08:00:00 GMT")
                    .containsEntry(".expires", "Sat, 19 Dec 2026 08:00:00 GMT");
        }
        ArgumentCaptor<PasswordIssueCommand> command = ArgumentCaptor.forClass(PasswordIssueCommand.class);
        verify(issueToken, org.mockito.Mockito.times(3)).issue(command.capture());
        assertThat(command.getAllValues()).allSatisfy(sent -> {
            assertThat(sent.username()).isEqualTo("alice");
            assertThat(sent.supersedesSameDescription()).isTrue();
        });
    }

    @Test
    void eachRefusalIsTheOAuthServersErrorShape() throws Exception {
        when(issueToken.issue(any())).thenReturn(new IssueTokenWithPasswordUseCase.Outcome.BadCredentials(),
                new IssueTokenWithPasswordUseCase.Outcome.IssueRefused(new IssueTokenUseCase.Outcome.PolicyViolated(
                        new TokenPolicy.Violation(TokenPolicy.Rule.MAXIMUM_ACTIVE_TOKENS, "at most 1"))));

        assertThat(calls().bodyOf(calls().send("POST", "/Token", null, "application/x-www-form-urlencoded", FORM)))
                .isEqualTo(Map.of("error", "invalid_grant",
                        "error_description", "The user name or password is incorrect."));
        HttpResponse<String> policy = calls().send("POST", "/Token", null, "application/x-www-form-urlencoded", FORM);
        assertThat(policy.statusCode()).isEqualTo(400);
        assertThat(calls().bodyOf(policy)).containsEntry("error", "invalid_grant");
        assertThat(policy.body()).contains("at most 1");
    }

    @Test
    void aBodyThatIsNotTheDocumentedRequestIsRefusedBeforeAnyLogin() throws Exception {
        Map<String, String> expected = Map.of(
                "grant_type=client_credentials&username=alice&password=x", "unsupported_grant_type",
                "username=alice&password=x", "unsupported_grant_type",
                FORM + "&scope=admin", "invalid_request",
                "grant_type=password&username=%zz", "invalid_request",
                "{\"grant_type\":\"password\",\"username\":1}", "invalid_request");
        for (Map.Entry<String, String> bad : expected.entrySet()) {
            HttpResponse<String> refused = calls().send("POST", "/Token", null, "application/x-www-form-urlencoded",
                    bad.getKey());
            assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(calls().bodyOf(refused)).as(bad.getKey()).containsEntry("error", bad.getValue());
            assertThat(refused.body()).as(bad.getKey()).doesNotContain("alice-password", "%zz");
        }
        assertThat(calls().bodyOf(calls().send("GET", "/Token", null, null, null)))
                .isEqualTo(Map.of("error", "unsupported_grant_type"));
        verifyNoInteractions(issueToken);
    }
}
