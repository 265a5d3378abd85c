package dev.latchkey.adapter.rest.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.adapter.rest.ApiCalls;
import dev.latchkey.adapter.rest.ApiFixtures;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.RotateSigningKeyUseCase;
import dev.latchkey.application.port.out.SigningKeyPort;
import dev.latchkey.application.port.out.SigningKeyRingPort;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signing-key rotation's API ({@code SigningKeyController}) over the real Netty server, the use case and the key ring
 * mocked (so this test lives beside the ring): both outcomes and the refusals.
 */
@MicronautTest
@Property(name = "spec.name", value = "SigningKeyApiTest")
class SigningKeyApiTest {

    /** Key pairs in use, as the bootstrap configures them; the ring itself is mocked. */
    @Factory
    @Requires(property = "spec.name", value = "SigningKeyApiTest")
    static class KeyPairs {
        @Singleton
        Clock clock() {
            return Clock.fixed(CREATED, ZoneOffset.UTC);
        }

        @Singleton
        SigningSettings settings() {
            return SigningSettings.of(true, "ES256", Duration.ofDays(30), Duration.ofMinutes(10),
                    Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(30));
        }
    }

    private static final Caller ROOT = ApiFixtures.ROOT;
    private static final String ROOT_BASIC = ApiFixtures.ROOT_BASIC;
    private static final Instant CREATED = Instant.parse("2026-12-05T08:00:00Z");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AuthenticateUseCase authenticate;
    @Inject
    RotateSigningKeyUseCase rotation;
    @Inject
    SigningKeys keys;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(RotateSigningKeyUseCase.class)
    RotateSigningKeyUseCase rotation() {
        return mock(RotateSigningKeyUseCase.class);
    }

    /** The store the key ring needs to exist at all; the ring itself is mocked. */
    @MockBean(SigningKeyPort.class)
    SigningKeyPort store() {
        return mock(SigningKeyPort.class);
    }

    @MockBean(SigningKeys.class)
    SigningKeys keys() {
        return mock(SigningKeys.class);
    }

    @BeforeEach
    void rootAndAliceCanLogIn() {
        reset(authenticate, rotation, keys);
        ApiFixtures.andAdministrator(authenticate);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    @Test
    void aRotationAnswersTheNewKeyPublishedAheadOfSigning() throws Exception {
        Instant activates = CREATED.plusSeconds(600);
        when(rotation.rotate(ROOT)).thenReturn(new RotateSigningKeyUseCase.Outcome.Rotated(
                new SigningKeyRingPort.MadeKey("k2", "ES256", activates)));
        when(keys.statuses()).thenReturn(List.of(
                new SigningKeys.Status("k1", "ES256", CREATED.minusSeconds(86_400), CREATED.minusSeconds(86_000),
                        "signing"),
                new SigningKeys.Status("k2", "ES256", CREATED, activates, "published")));

        HttpResponse<String> rotated = calls().send("POST", "/api/v1/admin/signing-keys/rotate", ROOT_BASIC, null,
                null);

        assertThat(rotated.statusCode()).isEqualTo(201);
        assertThat(calls().bodyOf(rotated)).containsEntry("kid", "k2").containsEntry("state", "published")
                .containsEntry("activatesAt", "2026-12-05T08:10:00.000Z");
    }

    @Test
    void whereKeyPairsAreNotInUseARotationIsAConflictThatSaysHowToTurnThemOn() throws Exception {
        when(rotation.rotate(any())).thenReturn(new RotateSigningKeyUseCase.Outcome.NotInUse());

        calls().assertProblem(calls().send("POST", "/api/v1/admin/signing-keys/rotate", ROOT_BASIC, null, null), 409,
                "signing-keys-not-in-use");
    }

    @Test
    void anAccountThatIsNotAnAdministratorSeesNoKeyAndRotatesNone() throws Exception {
        String alice = ApiCalls.basic("alice", "alice-password");

        calls().assertProblem(calls().send("GET", "/api/v1/admin/signing-keys", alice, null, null), 403,
                "forbidden");
        calls().assertProblem(calls().send("POST", "/api/v1/admin/signing-keys/rotate", alice, null, null), 403,
                "forbidden");
        verifyNoInteractions(rotation, keys);
    }
}
