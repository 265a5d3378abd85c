package dev.latchkey.adapter.rest.dialect.mastersindia;

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
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.Cause;
import dev.latchkey.application.port.in.IssuedToken;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Masters India's token pairs over the real Netty server, its grants mocked: its codes, shapes and refusals. */
@MicronautTest
class MastersIndiaApiTest {

    private static final String LOGIN = "{\"username\":\"alice\",\"password\":\"alice-password\"}";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    @Named("mastersindia")
    GrantTokensUseCase grants;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(GrantTokensUseCase.class)
    @Named("mastersindia")
    GrantTokensUseCase grants() {
        return mock(GrantTokensUseCase.class);
    }

    @BeforeEach
    void fresh() {
        reset(grants);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    private static GrantTokensUseCase.Outcome.Granted pair() {
        return new GrantTokensUseCase.Outcome.Granted(
                new IssuedToken(ApiFixtures.token(Optional.empty()), "eyJ.access.sig"),
                Optional.of(new IssuedToken(ApiFixtures.token(Optional.empty()), "eyJ.refresh.sig")));
    }

    @Test
    void aLoginAndARefreshEachGiveAPairUnderThePlatformsFieldNames() throws Exception {
        when(grants.grant(any(GrantTokensUseCase.PasswordGrant.class))).thenReturn(pair());
        when(grants.grant(any(GrantTokensUseCase.RefreshGrant.class))).thenReturn(pair());

        HttpResponse<String> login = calls().send("POST", "/api/v1/token-auth/", null, "application/json", LOGIN);
        HttpResponse<String> refreshed = calls().send("POST", "/api/v2/api-token-refresh/", null, "application/json",
                "{\"token\":\"eyJ.refresh.sig\"}");

        for (HttpResponse<String> response : List.of(login, refreshed)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(calls().bodyOf(response)).isEqualTo(Map.of("token", "eyJ.access.sig",
                    "refresh token", "eyJ.refresh.sig"));
        }
        verify(grants).grant(new GrantTokensUseCase.RefreshGrant("eyJ.refresh.sig", Optional.empty(),
                Optional.empty()));
    }

    @Test
    void refusedCredentialsAndRefreshTokensAreThePlatforms206AndAnExpiredRefreshIsA400() throws Exception {
        when(grants.grant(any(GrantTokensUseCase.PasswordGrant.class))).thenReturn(
                new GrantTokensUseCase.Outcome.InvalidGrant(Cause.BAD_CREDENTIALS, "no"));
        HttpResponse<String> login = calls().send("POST", "/api/v1/token-auth/", null, "application/json", LOGIN);
        assertThat(login.statusCode()).isEqualTo(206);
        assertThat(calls().bodyOf(login)).isEqualTo(Map.of("error", "Unable to login with provided credential"));

        for (Cause cause : Cause.values()) {
            when(grants.grant(any(GrantTokensUseCase.RefreshGrant.class))).thenReturn(
                    new GrantTokensUseCase.Outcome.InvalidGrant(cause, "no"));
            HttpResponse<String> refresh = calls().send("POST", "/api/v2/api-token-refresh/", null,
                    "application/json", "{\"token\":\"eyJ.old.sig\"}");
            assertThat(refresh.statusCode()).as(cause.name()).isEqualTo(cause == Cause.EXPIRED ? 400 : 206);
            assertThat(calls().bodyOf(refresh)).as(cause.name()).containsEntry("error",
                    cause == Cause.EXPIRED ? "Refresh token has expired" : "Invalid refresh token");
        }
    }

    @Test
    void aBodyTheEndpointCannotTakeIsAnsweredAsDjangoRestFrameworkWouldBeforeAnyGrant() throws Exception {
        assertThat(calls().bodyOf(calls().send("POST", "/api/v1/token-auth/", null, "application/json", "{}")))
                .isEqualTo(Map.of("username", List.of("missing field"), "password", List.of("missing field")));
        assertThat(calls().bodyOf(calls().send("POST", "/api/v1/token-auth/", null, "application/json",
                "{\"username\":1,\"password\":\"x\"}"))).isEqualTo(Map.of("username", List.of("Not a valid string.")));
        HttpResponse<String> notJson = calls().send("POST", "/api/v1/token-auth/", null, "application/json", "[1");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(calls().bodyOf(notJson).get("detail").toString()).startsWith("JSON parse error - ");
        assertThat(calls().send("POST", "/api/v2/api-token-refresh/", null, "application/json", "{}").statusCode())
                .isEqualTo(400);
        verifyNoInteractions(grants);
    }
}
