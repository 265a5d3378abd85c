package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateClientUseCase.ClientCredentials;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase.RegisterClientCommand;
import dev.latchkey.application.port.in.RotateClientSecretUseCase;
import dev.latchkey.application.port.in.RotateClientSecretUseCase.Outcome;
import dev.latchkey.application.port.in.RotateClientSecretUseCase.RotateClientSecretCommand;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Token;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A client's secret is replaced by an administrator, with the old one kept for a while or ended at once. */
class ClientSecretRotationTest {

    private static final GrantPolicy POLICY = GrantPolicy.standard(Lifetime.of(Duration.ofMinutes(5)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final RotateClientSecretUseCase rotation = fixture.services.rotateClientSecret();
    private final AuthenticateClientUseCase authentication = fixture.services.authenticateClient();
    private final RegisterClientUseCase.Outcome.Registered service = register(ClientType.CONFIDENTIAL,
            EnumSet.of(GrantType.CLIENT_CREDENTIALS));

    private RegisterClientUseCase.Outcome.Registered register(ClientType type, EnumSet<GrantType> grants) {
        return (RegisterClientUseCase.Outcome.Registered) fixture.services.registerClient().register(
                new RegisterClientCommand(root, "billing", type, Optional.of(grants), Optional.empty()));
    }

    private boolean authenticates(ClientSecret secret) {
        return authentication.authenticate(new ClientCredentials(service.client().id().value(), secret.reveal()))
                instanceof AuthenticateClientUseCase.Outcome.Authenticated;
    }

    private Outcome rotate(Caller caller, ClientId client, Duration overlap, boolean revokeTokens) {
        return rotation.rotate(new RotateClientSecretCommand(caller, client, overlap, revokeTokens));
    }

    @Test
    void theOldSecretIsAcceptedBesideTheNewOneUntilTheOverlapEnds() {
        ClientSecret first = service.secret().orElseThrow();
        Token own = ((GrantTokensUseCase.Outcome.Granted) fixture.services.grantTokens(POLICY).grant(
                new GrantTokensUseCase.ClientCredentialsGrant(service.client(), Optional.empty()))).access().token();

        Outcome.Rotated rotated = (Outcome.Rotated) rotate(root, service.client().id(), Duration.ofHours(1), false);

        assertThat(rotated.secret().reveal()).startsWith(ClientSecret.PREFIX).isNotEqualTo(first.reveal());
        assertThat(rotated.revoked()).isZero();
        assertThat(authenticates(rotated.secret())).isTrue();
        assertThat(authenticates(first)).as("within the overlap").isTrue();
        fixture.clock.advance(Duration.ofHours(1));
        assertThat(authenticates(first)).as("once the overlap has ended").isFalse();
        assertThat(authenticates(rotated.secret())).isTrue();
        assertThat(fixture.tokens.loadById(own.id()).orElseThrow().revocation()).as("tokens are kept").isEmpty();
        AuditEvent entry = fixture.events.recorded.get(fixture.events.recorded.size() - 1);
        assertThat(entry.type()).isEqualTo(AuditEventType.CLIENT_CHANGED);
        assertThat(entry.actor()).isEqualTo(root.actor());
        assertThat(entry.detail()).isEqualTo("client=" + service.client().id().value()
                        + " secret=rotated previous-valid-until=" + ServiceFixture.START.plus(Duration.ofHours(1)))
                .doesNotContain(rotated.secret().reveal(), first.reveal());
        assertThat(rotated.toString()).doesNotContain(rotated.secret().reveal());
    }

    @Test
    void afterALeakTheOldSecretEndsAtOnceAndTheClientsTokensAreRevoked() {
        ClientSecret first = service.secret().orElseThrow();
        Token own = ((GrantTokensUseCase.Outcome.Granted) fixture.services.grantTokens(POLICY).grant(
                new GrantTokensUseCase.ClientCredentialsGrant(service.client(), Optional.empty()))).access().token();

        Outcome.Rotated rotated = (Outcome.Rotated) rotate(root, service.client().id(), Duration.ZERO, true);

        assertThat(authenticates(first)).isFalse();
        assertThat(authenticates(rotated.secret())).isTrue();
        assertThat(rotated.revoked()).isEqualTo(1);
        assertThat(fixture.tokens.loadById(own.id()).orElseThrow().revocation().orElseThrow().reason())
                .isEqualTo(RevocationReason.CLIENT_SECRET_ROTATED);
        assertThat(rotated.client().enabled()).as("the client itself keeps working").isTrue();
    }

    @Test
    void aSecondRotationRetiresTheFirstsSecretAndEndsTheOriginal() {
        ClientSecret first = service.secret().orElseThrow();
        Outcome.Rotated second = (Outcome.Rotated) rotate(root, service.client().id(), Duration.ofDays(1), false);
        Outcome.Rotated third = (Outcome.Rotated) rotate(root, service.client().id(), Duration.ofDays(1), false);

        assertThat(authenticates(first)).isFalse();
        assertThat(authenticates(second.secret())).isTrue();
        assertThat(authenticates(third.secret())).isTrue();
    }

    @Test
    void onlyAnAdministratorRotatesAndNothingChangesOnARefusal() {
        Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
        OAuthClient app = register(ClientType.PUBLIC, EnumSet.of(GrantType.PASSWORD)).client();
        int entries = fixture.events.recorded.size();

        assertThatThrownBy(() -> rotate(alice, service.client().id(), Duration.ZERO, true))
                .isInstanceOf(NotAnAdministratorException.class);
        assertThat(rotate(root, ClientId.of("no-such-client"), Duration.ZERO, false))
                .isInstanceOf(Outcome.ClientNotFound.class);
        assertThat(rotate(root, app.id(), Duration.ZERO, false))
                .isInstanceOf(Outcome.HasNoSecret.class);
        assertThat(rotate(root, service.client().id(), OAuthClient.MAX_RETIRING_SECRET.plusSeconds(1), true))
                .isInstanceOfSatisfying(Outcome.Refused.class,
                        refused -> assertThat(refused.field()).isEqualTo("previousSecretValidForSeconds"));

        assertThat(authenticates(service.secret().orElseThrow())).isTrue();
        assertThat(fixture.events.recorded).hasSize(entries);
    }
}
