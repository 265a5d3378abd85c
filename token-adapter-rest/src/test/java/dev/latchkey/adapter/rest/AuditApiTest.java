package dev.latchkey.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase.AuditQuery;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Username;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit trail's API over the real Netty server, the use cases mocked: whose events, and each bad parameter. */
@MicronautTest
class AuditApiTest {

    private static final Caller ROOT = ApiFixtures.ROOT;
    private static final String ALICE_BASIC = ApiFixtures.ALICE_BASIC;
    private static final String ROOT_BASIC = ApiFixtures.ROOT_BASIC;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AuthenticateUseCase authenticate;
    @Inject
    ReadAuditTrailUseCase trail;
    @Inject
    ReadAccountsUseCase accounts;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(ReadAuditTrailUseCase.class)
    ReadAuditTrailUseCase trail() {
        return mock(ReadAuditTrailUseCase.class);
    }

    /** The service's clock, from which durations ago are counted. */
    @MockBean(Clock.class)
    Clock clock() {
        return Clock.fixed(ApiFixtures.NOW, ZoneOffset.UTC);
    }

    @MockBean(ReadAccountsUseCase.class)
    ReadAccountsUseCase accounts() {
        return mock(ReadAccountsUseCase.class);
    }

    @BeforeEach
    void aliceAndRootCanLogIn() {
        reset(authenticate, trail, accounts);
        ApiFixtures.andAdministrator(authenticate);
        when(trail.read(any())).thenReturn(new ReadAuditTrailUseCase.Page(List.of(), 0, 20, 0));
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    @Test
    void anAccountReadsItsOwnEventsWithTheFiltersItNames() throws Exception {
        assertThat(calls().send("GET", "/api/v1/audit?type=token.revoked&page=2&size=5", ALICE_BASIC, null, null)
                .statusCode()).isEqualTo(200);

        verify(trail).read(new AuditQuery(ApiFixtures.ALICE_CALLER, Optional.of(ApiFixtures.ALICE.id()),
                Optional.empty(), Optional.of(AuditEventType.TOKEN_REVOKED), Optional.empty(), Optional.empty(), 2,
                5));
    }

    @Test
    void aParameterOfTheWrongKindIsAProblemNamingItAndTheTrailIsNotRead() throws Exception {
        for (String parameter : List.of("type=token.exploded", "since=yesterday", "until=P99999999D",
                "tokenId=nope", "page=-1", "size=0", "size=abc", "since=P1D&until=P2D")) {
            Map<String, Object> problem = calls().assertProblem(calls().send("GET", "/api/v1/audit?" + parameter,
                    ALICE_BASIC, null, null), 400, "invalid-request");
            assertThat(problem.toString()).as(parameter)
                    .contains(parameter.substring(0, parameter.indexOf('=')));
        }
        verifyNoInteractions(trail);
    }

    @Test
    void anAdministratorNamesAnAccountByUsernameOrIdAndAnUnknownOneIsNotFound() throws Exception {
        when(accounts.find(ROOT, Username.of("alice"))).thenReturn(Optional.of(ApiFixtures.ALICE));
        when(accounts.find(ROOT, Username.of("nobody"))).thenReturn(Optional.empty());

        assertThat(calls().send("GET", "/api/v1/admin/audit?account=alice", ROOT_BASIC, null, null).statusCode())
                .isEqualTo(200);
        calls().assertProblem(calls().send("GET", "/api/v1/admin/audit?account=nobody", ROOT_BASIC, null, null), 404,
                "account-not-found");

        verify(trail).read(new AuditQuery(ROOT, Optional.of(ApiFixtures.ALICE.id()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 20));
    }
}
