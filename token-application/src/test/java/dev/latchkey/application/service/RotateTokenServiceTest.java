package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase.Outcome;
import dev.latchkey.application.port.in.RotateTokenUseCase.RotateTokenCommand;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenSecretFormat;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotateTokenServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final Caller bob = ServiceFixture.byPassword(fixture.account("bob", "bob-password"));
    private final RotateTokenUseCase rotate = fixture.services.rotateToken(ServiceFixture.POLICY);

    private IssueTokenUseCase.Outcome.Issued issued() {
        return fixture.issue(alice, Optional.of(Lifetime.fromSeconds(3600)), Scopes.of("deploy"));
    }

    private Outcome rotate(Token token, Duration overlap, String key) {
        return rotate.rotate(new RotateTokenCommand(alice, token.id(), overlap,
                Optional.ofNullable(key).map(IdempotencyKey::of)));
    }

    private Token stored(Token token) {
        return fixture.tokens.loadById(token.id()).orElseThrow();
    }

    @Test
    void theReplacementKeepsDescriptionScopesAndLifetime() {
        Token old = issued().token();
        fixture.clock.advance(Duration.ofMinutes(10));

        Outcome.Rotated rotated = (Outcome.Rotated) rotate(old, Duration.ZERO, null);

        Token replacement = rotated.replacement().token();
        assertThat(replacement.id()).isNotEqualTo(old.id());
        assertThat(replacement.description()).isEqualTo(old.description());
        assertThat(replacement.scopes()).isEqualTo(old.scopes());
        assertThat(replacement.expiry()).isEqualTo(Expiry.at(fixture.clock.instant().plusSeconds(3600)));
        assertThat(fixture.tokens.loadBySecretHash(dev.latchkey.domain.SecretHash.of(
                rotated.replacement().credential()))).contains(replacement);
    }

    @Test
    void withoutOverlapTheOldTokenStopsAtOnce() {
        Token old = issued().token();

        rotate(old, Duration.ZERO, null);

        assertThat(stored(old).statusAt(fixture.clock.instant())).isInstanceOfSatisfying(TokenStatus.Revoked.class,
                revoked -> assertThat(revoked.revocation().reason()).isEqualTo(RevocationReason.ROTATED));
    }

    @Test
    void withOverlapTheOldTokenWorksUntilTheOverlapEnds() {
        IssueTokenUseCase.Outcome.Issued issued = issued();

        rotate(issued.token(), Duration.ofMinutes(5), null);
        fixture.clock.advance(Duration.ofMinutes(4));
        assertThat(fixture.services.authenticate().authenticate(new dev.latchkey.application.port.in
                .AuthenticateUseCase.PresentedToken(issued.credential())))
                .isInstanceOf(dev.latchkey.application.port.in.AuthenticateUseCase.Outcome.Authenticated.class);
        fixture.clock.advance(Duration.ofMinutes(1));

        assertThat(stored(issued.token()).statusAt(fixture.clock.instant())).isInstanceOf(TokenStatus.Revoked.class);
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheSameReplacementAndSecret() {
        Token old = issued().token();

        Outcome.Rotated first = (Outcome.Rotated) rotate(old, Duration.ofMinutes(5), "deploy-42");
        fixture.clock.advance(Duration.ofSeconds(30));
        Outcome.Rotated retry = (Outcome.Rotated) rotate(old, Duration.ofMinutes(5), "deploy-42");

        assertThat(retry.replacement().token().id()).isEqualTo(first.replacement().token().id());
        assertThat(retry.replacement().credential()).isEqualTo(first.replacement().credential());
        assertThat(fixture.tokens.countOwnedBy(alice.accountId())).as("no second replacement").isEqualTo(2);
        assertThat(stored(first.replacement().token()).revocation()).as("the replacement is not revoked").isEmpty();
    }

    @Test
    void aKeyUsedForAnotherTokenIsRefused() {
        rotate(issued().token(), Duration.ZERO, "key-1");

        assertThat(rotate(issued().token(), Duration.ZERO, "key-1")).isInstanceOf(Outcome.KeyReused.class);
    }

    @Test
    void keysBelongToTheirAccount() {
        rotate(issued().token(), Duration.ZERO, "shared-name");
        Token bobs = fixture.issue(bob, Optional.empty(), Scopes.none()).token();

        assertThat(rotate.rotate(new RotateTokenCommand(bob, bobs.id(), Duration.ZERO,
                Optional.of(IdempotencyKey.of("shared-name"))))).isInstanceOf(Outcome.Rotated.class);
    }

    @Test
    void revokedExpiredAndAlreadyRotatedTokensAreRefused() {
        Token revoked = issued().token();
        fixture.services.revokeToken().revoke(new RevokeTokenUseCase.RevokeTokenCommand(alice, revoked.id(),
                RevocationReason.REQUESTED));
        Token rotatedOnce = issued().token();
        rotate(rotatedOnce, Duration.ofMinutes(5), null);
        Token expiring = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(1)), Scopes.none()).token();
        fixture.clock.advance(Duration.ofSeconds(2));

        assertThat(rotate(revoked, Duration.ZERO, null)).isInstanceOf(Outcome.NotRotatable.class);
        assertThat(rotate(rotatedOnce, Duration.ZERO, null)).isInstanceOf(Outcome.NotRotatable.class);
        assertThat(rotate(expiring, Duration.ZERO, null)).isInstanceOf(Outcome.NotRotatable.class);
    }

    @Test
    void anotherAccountsTokenIsNotFound() {
        Token token = issued().token();

        assertThat(rotate.rotate(new RotateTokenCommand(bob, token.id(), Duration.ZERO, Optional.empty())))
                .isInstanceOf(Outcome.NotFound.class);
    }

    @Test
    void theOverlapIsBounded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RotateTokenCommand(alice, issued().token().id(),
                Duration.ofDays(31), Optional.empty())).isInstanceOf(dev.latchkey.domain.InvalidValueException.class);
    }

    @Test
    void aTokenCannotRotateATokenWithScopesItLacksNorOneThatOutlivesIt() {
        Token powerful = fixture.issue(alice, Optional.of(Lifetime.never()), Scopes.of("deploy:prod", "admin:billing"))
                .token();
        Caller readOnly = fixture.byToken(fixture.issue(alice, Optional.of(Lifetime.fromSeconds(120)),
                Scopes.of("read")));

        Outcome outcome = rotate.rotate(new RotateTokenCommand(readOnly, powerful.id(), Duration.ofDays(30),
                Optional.empty()));

        assertThat(outcome).isInstanceOf(Outcome.DelegationRefused.class);
        assertThat(stored(powerful).revocation()).as("nothing was rotated").isEmpty();
    }

    @Test
    void aTokenRotatingItselfNeverOutlivesItself() {
        IssueTokenUseCase.Outcome.Issued shortLived = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(120)),
                Scopes.of("read"));
        Expiry originalExpiry = shortLived.token().expiry();
        IssueTokenUseCase.Outcome.Issued current = shortLived;

        for (int round = 0; round < 3; round++) {
            fixture.clock.advance(Duration.ofSeconds(30));
            Outcome.Rotated rotated = (Outcome.Rotated) rotate.rotate(new RotateTokenCommand(
                    fixture.byToken(current), current.token().id(), Duration.ZERO, Optional.empty()));
            assertThat(rotated.replacement().token().expiry()).as("round %d", round).isEqualTo(originalExpiry);
            current = new IssueTokenUseCase.Outcome.Issued(rotated.replacement().token(),
                    rotated.replacement().credential());
        }
    }

    @Test
    void aRetryAfterThePrefixChangedHandsBackTheSecretAsItWasIssued() {
        Token old = issued().token();
        Outcome.Rotated first = (Outcome.Rotated) rotate(old, Duration.ZERO, "deploy-rotation-2");
        LatchkeyServices.Core renamed = fixture.services.core(TokenSecretFormat.of("acme_lk_", List.of("lk_")));

        Outcome retried = renamed.rotateToken().rotate(new RotateTokenCommand(alice, old.id(), Duration.ZERO,
                Optional.of(IdempotencyKey.of("deploy-rotation-2"))));

        assertThat(first.replacement().credential()).startsWith("lk_");
        assertThat(retried).isInstanceOfSatisfying(Outcome.Rotated.class, again ->
                assertThat(again.replacement().credential()).isEqualTo(first.replacement().credential()));
        assertThat(((Outcome.Rotated) renamed.rotateToken().rotate(new RotateTokenCommand(alice,
                first.replacement().token().id(), Duration.ZERO, Optional.of(IdempotencyKey.of("next")))))
                .replacement().credential()).as("a new rotation carries the new prefix").startsWith("acme_lk_");
    }

    @Test
    void aRetryWithTheSameKeyHandsTheReplacementOnlyToACallerThatCouldHaveMadeIt() {
        Token powerful = fixture.issue(alice, Optional.of(Lifetime.never()), Scopes.of("deploy:prod")).token();
        Outcome.Rotated first = (Outcome.Rotated) rotate.rotate(new RotateTokenCommand(alice, powerful.id(),
                Duration.ZERO, Optional.of(IdempotencyKey.of("deploy-rotation-1"))));
        Caller readOnly = fixture.byToken(fixture.issue(alice, Optional.of(Lifetime.fromSeconds(120)),
                Scopes.of("read")));

        Outcome retried = rotate.rotate(new RotateTokenCommand(readOnly, powerful.id(), Duration.ZERO,
                Optional.of(IdempotencyKey.of("deploy-rotation-1"))));

        assertThat(retried).isInstanceOf(Outcome.KeyReused.class);
        assertThat(first.replacement().credential()).isNotBlank();
    }

    @Test
    void anIdempotencyKeyBelongsToTheCredentialThatUsedItNotToTheAccount() {
        Token target = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(3600)), Scopes.of("deploy")).token();
        IssueTokenUseCase.Outcome.Issued rotator = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(7200)),
                Scopes.of("deploy"));
        IssueTokenUseCase.Outcome.Issued sibling = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(7200)),
                Scopes.of("deploy"));
        Outcome.Rotated first = (Outcome.Rotated) rotate.rotate(new RotateTokenCommand(fixture.byToken(rotator),
                target.id(), Duration.ZERO, Optional.of(IdempotencyKey.of("ci-rotation-7"))));

        Outcome bySibling = rotate.rotate(new RotateTokenCommand(fixture.byToken(sibling), target.id(),
                Duration.ZERO, Optional.of(IdempotencyKey.of("ci-rotation-7"))));
        Outcome byPassword = rotate.rotate(new RotateTokenCommand(alice, target.id(), Duration.ZERO,
                Optional.of(IdempotencyKey.of("ci-rotation-7"))));
        Outcome.Rotated bySameToken = (Outcome.Rotated) rotate.rotate(new RotateTokenCommand(
                fixture.byToken(rotator), target.id(), Duration.ZERO, Optional.of(IdempotencyKey.of("ci-rotation-7"))));

        assertThat(bySibling).as("a sibling token that could have rotated it").isInstanceOf(Outcome.KeyReused.class);
        assertThat(byPassword).as("the account's own password").isInstanceOf(Outcome.KeyReused.class);
        assertThat(bySameToken.replacement().credential()).isEqualTo(first.replacement().credential());
    }
}
