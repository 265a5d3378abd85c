package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase.Outcome;
import dev.latchkey.application.port.in.RevokeTokenUseCase.RevokeTokenCommand;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RevokeTokenServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final Caller bob = ServiceFixture.byPassword(fixture.account("bob", "bob-password"));
    private final RevokeTokenUseCase revoke = fixture.services.revokeToken();

    @Test
    void revokingMakesTheTokenRevokedAndPublishesTheEvent() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.none());

        Outcome outcome = revoke.revoke(new RevokeTokenCommand(alice, issued.token().id(), RevocationReason.REQUESTED));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Revoked.class,
                revoked -> assertThat(revoked.details().status()).isInstanceOf(TokenStatus.Revoked.class));
        assertThat(fixture.events.recordedTypes()).last().isEqualTo(AuditEventType.TOKEN_REVOKED);
    }

    @Test
    void revokingTwiceSaysSoAndKeepsTheFirstRevocation() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.none());
        revoke.revoke(new RevokeTokenCommand(alice, issued.token().id(), RevocationReason.REQUESTED));
        fixture.clock.advance(Duration.ofHours(1));

        Outcome again = revoke.revoke(new RevokeTokenCommand(alice, issued.token().id(), RevocationReason.REQUESTED));

        assertThat(again).isInstanceOfSatisfying(Outcome.AlreadyRevoked.class, already -> assertThat(
                already.details().token().revocation().orElseThrow().at()).isEqualTo(ServiceFixture.START));
    }

    @Test
    void anExpiredTokenCanStillBeRevoked() {
        IssueTokenUseCase.Outcome.Issued issued =
                fixture.issue(alice, Optional.of(Lifetime.fromSeconds(1)), Scopes.none());
        fixture.clock.advance(Duration.ofDays(1));

        assertThat(revoke.revoke(new RevokeTokenCommand(alice, issued.token().id(), RevocationReason.REQUESTED)))
                .isInstanceOf(Outcome.Revoked.class);
    }

    @Test
    void anotherAccountsTokenLooksLikeNoTokenAtAll() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.none());

        Outcome outcome = revoke.revoke(new RevokeTokenCommand(bob, issued.token().id(), RevocationReason.REQUESTED));

        assertThat(outcome).isEqualTo(new Outcome.NotFound(issued.token().id()));
        assertThat(fixture.tokens.loadById(issued.token().id()).orElseThrow().revocation()).isEmpty();
    }

    @Test
    void anUnknownIdIsNotFound() {
        TokenId unknown = new TokenId(UUID.randomUUID());

        assertThat(revoke.revoke(new RevokeTokenCommand(alice, unknown, RevocationReason.REQUESTED)))
                .isEqualTo(new Outcome.NotFound(unknown));
    }

    @Test
    void losingARevocationRaceReportsAlreadyRevokedAndPublishesNothing() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.empty(), Scopes.none());
        UpdateTokenStatePort racingStore = mock(UpdateTokenStatePort.class);
        // Another request's revocation landed between our read and our write: the store says what it holds now.
        when(racingStore.recordRevocation(any(), any(), any())).thenReturn(new UpdateTokenStatePort.RevocationWrite
                .ChangedMeanwhile(Optional.of(new Revocation(fixture.clock.instant(), RevocationReason.REQUESTED))));
        RecordAuditEventPort events = mock(RecordAuditEventPort.class);
        RevokeTokenService service = new RevokeTokenService(
                new TokenDetailsReader(fixture.tokens, fixture.clock), new PresentedCredentials(fixture.tokens, new Fakes.MarkedJwts(), dev.latchkey.domain.TokenSecretFormat.STANDARD),
                new TokenLifecycle(new LatchkeyServices.TokenStore(fixture.tokens, fixture.tokens, racingStore,
                        fixture.transactions, events)), fixture.signInSessions, fixture.clock);

        Outcome outcome = service.revoke(new RevokeTokenCommand(alice, issued.token().id(), RevocationReason.REQUESTED));

        assertThat(outcome).isInstanceOf(Outcome.AlreadyRevoked.class);
        verifyNoInteractions(events);
    }
}
