package dev.latchkey.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reporting and identifying leaked secrets over the real Netty server, the use case mocked. */
@MicronautTest
class LeakedTokensApiTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AuthenticateUseCase authenticate;
    @Inject
    LeakedTokensUseCase leaks;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(LeakedTokensUseCase.class)
    LeakedTokensUseCase leaks() {
        return mock(LeakedTokensUseCase.class);
    }

    @BeforeEach
    void rootAndAliceCanLogIn() {
        reset(authenticate, leaks);
        ApiFixtures.andAdministrator(authenticate);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    private HttpResponse<String> report(String body) throws Exception {
        return calls().send("POST", "/api/v1/credentials/revoke", null, "application/json", body);
    }

    @Test
    void aReportIsAnsweredTheSameWhateverItCarriedAndNeedsNoCredentials() throws Exception {
        when(leaks.reportPublicly(any(), anyString())).thenReturn(new LeakedTokensUseCase.PublicReport.Received());

        HttpResponse<String> live = report("{\"credentials\":[\"lk_live\"]}");
        HttpResponse<String> garbage = report("{\"credentials\":[\"garbage\",\"\"]}");

        assertThat(live.statusCode()).isEqualTo(202);
        assertThat(garbage.statusCode()).isEqualTo(202);
        assertThat(live.body()).isEqualTo(garbage.body()).contains("Received.");
        verify(leaks).reportPublicly(List.of("lk_live"), "127.0.0.1");
    }

    @Test
    void anAddressThatReportedTooOftenIsToldWhenItMayAgain() throws Exception {
        when(leaks.reportPublicly(any(), anyString())).thenReturn(new LeakedTokensUseCase.PublicReport.Limited(
                Duration.ofMinutes(42)));

        HttpResponse<String> limited = report("{\"credentials\":[\"lk_x\"]}");

        calls().assertProblem(limited, 429, "too-many-requests");
        assertThat(limited.headers().firstValue("Retry-After")).contains("2520");
    }

    @Test
    void aReportThatIsNoListOfOneToAThousandCredentialsIsRefusedBeforeAnything() throws Exception {
        String thousandAndOne = json.writeValueAsString(Map.of("credentials", Collections.nCopies(1_001, "x")));
        for (String body : List.of("{}", "{\"credentials\":[]}", "{\"credentials\":[null]}", thousandAndOne,
                "{\"credentials\":[\"" + "x".repeat(LeakedTokensController.LONGEST_SECRET + 1) + "\"]}")) {
            calls().assertProblem(report(body), 400, "invalid-request");
        }
        for (String body : List.of("{\"credentials\":\"lk_x\"}", "{\"credentials\":[1]}", "[\"lk_x\"]", "not json",
                "{\"credentials\":[\"lk_x\"],\"more\":1}")) {
            HttpResponse<String> refused = report(body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(calls().bodyOf(refused).get("detail")).as(body).isNotNull();
        }
        verifyNoInteractions(leaks);
    }

    @Test
    void anAdministratorLearnsWhichTokenASecretIsAndNobodyElseDoes() throws Exception {
        Token token = ApiFixtures.token(Optional.empty());
        Revocation revocation = new Revocation(ApiFixtures.NOW, RevocationReason.LEAKED);
        when(leaks.identify(eq(ApiFixtures.ROOT), eq("lk_found"))).thenReturn(Optional.of(
                new LeakedTokensUseCase.Identified(new TokenDetails(token, new TokenStatus.Revoked(revocation)),
                        ApiFixtures.ALICE)));
        when(leaks.identify(eq(ApiFixtures.ROOT), eq("lk_unknown"))).thenReturn(Optional.empty());

        HttpResponse<String> found = calls().send("POST", "/api/v1/admin/tokens/identify", ApiFixtures.ROOT_BASIC,
                "application/json", "{\"token\":\"lk_found\"}");

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(calls().bodyOf(found)).containsEntry("tokenId", token.id().toString())
                .containsEntry("username", "alice").containsEntry("kind", "personal")
                .containsEntry("status", "revoked").containsEntry("clientId", null)
                .containsKeys("createdAt", "expiresAt", "lastUsedAt", "revokedAt", "scopes");
        calls().assertProblem(calls().send("POST", "/api/v1/admin/tokens/identify", ApiFixtures.ROOT_BASIC,
                "application/json", "{\"token\":\"lk_unknown\"}"), 404, "token-not-found");
        calls().assertProblem(calls().send("POST", "/api/v1/admin/tokens/identify", ApiFixtures.ROOT_BASIC,
                "application/json", "{}"), 400, "invalid-request");
        calls().assertProblem(calls().send("POST", "/api/v1/admin/tokens/identify", null,
                "application/json", "{\"token\":\"lk_found\"}"), 401, "unauthenticated");
    }
}
