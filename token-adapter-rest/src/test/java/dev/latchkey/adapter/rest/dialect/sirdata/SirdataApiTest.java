package dev.latchkey.adapter.rest.dialect.sirdata;

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
import dev.latchkey.application.port.in.IssuePartnerTokenUseCase;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Token;
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

/** Sirdata's partner tokens over the real Netty server, the use case mocked: its body, its shapes, its refusals. */
@MicronautTest
class SirdataApiTest {

    private static final String CREDENTIALS = "{\"login\":\"alice\",\"password\":\"alice-password\"}";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    IssuePartnerTokenUseCase issuePartnerToken;

    /** The security filter's: the platform's own login is the use case's, never the filter's. */
    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(IssuePartnerTokenUseCase.class)
    IssuePartnerTokenUseCase issuePartnerToken() {
        return mock(IssuePartnerTokenUseCase.class);
    }

    @BeforeEach
    void fresh() {
        reset(issuePartnerToken);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    @Test
    void aPartnerTokenComesWithItsPartnerAndExpiryInThePlatformsFormat() throws Exception {
        Token token = ApiFixtures.token(Optional.of(ApiFixtures.NOW.plus(Duration.ofDays(30))));
        when(issuePartnerToken.issue(any())).thenReturn(new IssuePartnerTokenUseCase.Outcome.Issued(token,
                "lk_partner"));

        HttpResponse<String> issued = calls().send("POST", "/api/v1/public/auth/partner/12/token", null,
                "application/json", CREDENTIALS);

        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(calls().bodyOf(issued)).isEqualTo(Map.of("token", "lk_partner", "partner_id", 12,
                "expiration_time", "2027-01-04T08:00:00.000000000+00:00"));
        ArgumentCaptor<IssuePartnerTokenUseCase.IssuePartnerTokenCommand> command =
                ArgumentCaptor.forClass(IssuePartnerTokenUseCase.IssuePartnerTokenCommand.class);
        verify(issuePartnerToken).issue(command.capture());
        assertThat(command.getValue().partner()).isEqualTo(PartnerId.of(12));
        assertThat(command.getValue().login()).isEqualTo("alice");
    }

    @Test
    void everyRefusalOfTheCoreIsOne401ThatSaysNothingMore() throws Exception {
        for (IssuePartnerTokenUseCase.Reason reason : IssuePartnerTokenUseCase.Reason.values()) {
            when(issuePartnerToken.issue(any())).thenReturn(new IssuePartnerTokenUseCase.Outcome.Refused(reason));

            HttpResponse<String> refused = calls().send("POST", "/api/v1/public/auth/partner/12/token", null,
                    "application/json", CREDENTIALS);

            assertThat(refused.statusCode()).as(reason.name()).isEqualTo(401);
            assertThat(calls().bodyOf(refused)).as(reason.name()).isEqualTo(Map.of("message", "Unauthorized access."));
        }
    }

    @Test
    void aBadPartnerIdOrBodyIsA400BeforeAnyLogin() throws Exception {
        Map<String, String> badRequests = Map.of(
                "/api/v1/public/auth/partner/abc/token", CREDENTIALS,
                "/api/v1/public/auth/partner/-3/token", CREDENTIALS,
                "/api/v1/public/auth/partner/12/token#empty", "{}",
                "/api/v1/public/auth/partner/12/token#unknown", "{\"login\":\"a\",\"password\":\"b\",\"otp\":1}",
                "/api/v1/public/auth/partner/12/token#array", "[]");
        for (Map.Entry<String, String> bad : badRequests.entrySet()) {
            String path = bad.getKey().replaceAll("#.*", "");
            HttpResponse<String> refused = calls().send("POST", path, null, "application/json", bad.getValue());
            assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(calls().bodyOf(refused)).as(bad.getKey()).containsOnlyKeys("message");
        }
        for (String method : List.of("GET")) {
            assertThat(calls().send(method, "/api/v1/public/auth/partner/12/token", null, null, null).statusCode())
                    .isEqualTo(400);
        }
        verifyNoInteractions(issuePartnerToken);
    }
}
