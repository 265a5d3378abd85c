package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AccountId OWNER = new AccountId(UUID.fromString("8d9b4a6e-3f0a-4c3b-9a51-0c2f1c1d2e3f"));

    private static final TokenSecret SECRET = secret();

    private static TokenSecret secret() {
        byte[] bytes = new byte[TokenSecret.RANDOM_BYTES];
        Arrays.fill(bytes, (byte) 5);
        return TokenSecret.fromRandomBytes(bytes);
    }

    private static Token.Issued issue(Expiry expiry, Scopes scopes) {
        return Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(new byte[16]), OWNER,
                TokenDescription.of("ci"), scopes, expiry), T0, SECRET.hash());
    }

    private static Token refreshToken() {
        return Token.issue(new TokenAttributes(TokenId.fromRandomBytes(new byte[16]), OWNER, TokenKind.REFRESH,
                TokenDescription.none(), Scopes.none(), Expiry.at(T0.plusSeconds(3600)),
                Optional.of(GrantId.fromRandomBytes(new byte[16])), Optional.empty(),
                Optional.of(GrantSurface.TOKEN_ENDPOINT)), T0, SECRET.hash()).token();
    }

    private static Token issued(Expiry expiry) {
        return issue(expiry, Scopes.none()).token();
    }

    @Test
    void issuingStoresOnlyTheHashOfTheSecret() {
        Token.Issued issued = issue(Expiry.never(), Scopes.none());

        assertThat(issued.token().hasSecretHash(SECRET.hash())).isTrue();
        assertThat(issued.token().toString()).doesNotContain(SECRET.reveal());
        assertThat(issued.event().tokenId()).isEqualTo(issued.token().id());
    }

    @Test
    void freshTokenIsActiveAndUnused() {
        Token token = issued(Expiry.at(T0.plusSeconds(60)));

        assertThat(token.statusAt(T0)).isInstanceOf(TokenStatus.Active.class);
        assertThat(token.lastUsedAt()).isEmpty();
        assertThat(token.revocation()).isEmpty();
    }

    @Test
    void tokenExpiresAtItsExpiryInstant() {
        Token token = issued(Expiry.at(T0.plusSeconds(60)));

        assertThat(token.statusAt(T0.plusSeconds(59))).isInstanceOf(TokenStatus.Active.class);
        assertThat(token.statusAt(T0.plusSeconds(60))).isEqualTo(new TokenStatus.Expired(T0.plusSeconds(60)));
    }

    @Test
    void nonExpiringTokenIsActiveForever() {
        assertThat(issued(Expiry.never()).statusAt(Instant.MAX)).isInstanceOf(TokenStatus.Active.class);
    }

    @Test
    void expiryMustFollowCreation() {
        assertThatThrownBy(() -> issued(Expiry.at(T0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void revokingRecordsWhenAndWhy() {
        Token token = issued(Expiry.never());

        Token.RevocationOutcome outcome = token.revoke(T0.plusSeconds(5), RevocationReason.REQUESTED);

        assertThat(outcome).isInstanceOfSatisfying(Token.RevocationOutcome.Revoked.class, revoked -> {
            assertThat(revoked.token().statusAt(T0.plusSeconds(6)))
                    .isEqualTo(new TokenStatus.Revoked(new Revocation(T0.plusSeconds(5), RevocationReason.REQUESTED)));
            assertThat(revoked.event().occurredAt()).isEqualTo(T0.plusSeconds(5));
        });
        assertThat(token.revocation()).as("the original instance is unchanged").isEmpty();
    }

    @Test
    void revokingTwiceIsIdempotentAndKeepsTheFirstRevocation() {
        Token revoked = ((Token.RevocationOutcome.Revoked) issued(Expiry.never())
                .revoke(T0.plusSeconds(5), RevocationReason.REQUESTED)).token();

        Token.RevocationOutcome again = revoked.revoke(T0.plusSeconds(50), RevocationReason.REQUESTED);

        assertThat(again).isEqualTo(new Token.RevocationOutcome.AlreadyRevoked(revoked));
        assertThat(revoked.revocation().orElseThrow().at()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void expiredTokenCanStillBeRevoked() {
        Token expired = issued(Expiry.at(T0.plusSeconds(1)));

        Token.RevocationOutcome outcome = expired.revoke(T0.plusSeconds(100), RevocationReason.REQUESTED);

        assertThat(outcome).isInstanceOf(Token.RevocationOutcome.Revoked.class);
        assertThat(((Token.RevocationOutcome.Revoked) outcome).token().statusAt(T0.plusSeconds(100)))
                .isInstanceOf(TokenStatus.Revoked.class);
    }

    @Test
    void revocationOutranksExpiry() {
        Token token = ((Token.RevocationOutcome.Revoked) issued(Expiry.at(T0.plusSeconds(10)))
                .revoke(T0.plusSeconds(1), RevocationReason.REQUESTED)).token();

        assertThat(token.statusAt(T0.plusSeconds(500))).isInstanceOf(TokenStatus.Revoked.class);
    }

    @Test
    void usingAnActiveTokenRecordsTheUse() {
        Token.UseOutcome outcome = issued(Expiry.never()).use(T0.plusSeconds(3));

        assertThat(outcome).isInstanceOfSatisfying(Token.UseOutcome.Used.class,
                used -> assertThat(used.token().lastUsedAt()).contains(T0.plusSeconds(3)));
    }

    @Test
    void lastUsedAtNeverMovesBackwards() {
        Token usedLate = ((Token.UseOutcome.Used) issued(Expiry.never()).use(T0.plusSeconds(30))).token();

        Token.UseOutcome earlier = usedLate.use(T0.plusSeconds(10));

        assertThat(((Token.UseOutcome.Used) earlier).token().lastUsedAt()).contains(T0.plusSeconds(30));
    }

    @Test
    void revokedTokenCannotBeUsed() {
        Token revoked = ((Token.RevocationOutcome.Revoked) issued(Expiry.never())
                .revoke(T0.plusSeconds(1), RevocationReason.REQUESTED)).token();

        assertThat(revoked.use(T0.plusSeconds(2))).isInstanceOfSatisfying(Token.UseOutcome.Refused.class,
                refused -> assertThat(refused.status()).isInstanceOf(TokenStatus.Revoked.class));
    }

    @Test
    void expiredTokenCannotBeUsed() {
        assertThat(issued(Expiry.at(T0.plusSeconds(1))).use(T0.plusSeconds(1)))
                .isInstanceOf(Token.UseOutcome.Refused.class);
    }

    @Test
    void aTokenCannotDelegateScopesItLacks() {
        Token parent = issue(Expiry.never(), Scopes.of("read")).token();

        assertThat(parent.delegate(Scopes.of("read", "write"), Expiry.at(T0.plusSeconds(60))))
                .isInstanceOf(Token.Delegation.Refused.class);
        assertThat(parent.delegate(Scopes.of("read"), Expiry.at(T0.plusSeconds(60))))
                .isInstanceOf(Token.Delegation.Permitted.class);
    }

    @Test
    void aTokenCannotDelegateALifeLongerThanItsOwn() {
        Token parent = issued(Expiry.at(T0.plusSeconds(3600)));

        assertThat(parent.delegate(Scopes.none(), Expiry.never())).isInstanceOf(Token.Delegation.Refused.class);
        assertThat(parent.delegate(Scopes.none(), Expiry.at(T0.plusSeconds(3601))))
                .isInstanceOf(Token.Delegation.Refused.class);
        assertThat(parent.delegate(Scopes.none(), Expiry.at(T0.plusSeconds(3600))))
                .isInstanceOf(Token.Delegation.Permitted.class);
    }

    @Test
    void aScheduledRevocationTakesEffectAtItsTime() {
        Token scheduled = ((Token.RevocationOutcome.Revoked) issued(Expiry.never())
                .revoke(T0.plusSeconds(60), RevocationReason.ROTATED)).token();

        assertThat(scheduled.statusAt(T0.plusSeconds(59))).isInstanceOf(TokenStatus.Active.class);
        assertThat(scheduled.statusAt(T0.plusSeconds(60))).isInstanceOf(TokenStatus.Revoked.class);
    }

    @Test
    void aScheduledRevocationCanBeBroughtForwardButNeverPushedBack() {
        Token scheduled = ((Token.RevocationOutcome.Revoked) issued(Expiry.never())
                .revoke(T0.plusSeconds(60), RevocationReason.ROTATED)).token();

        assertThat(scheduled.revoke(T0.plusSeconds(120), RevocationReason.REQUESTED))
                .isInstanceOf(Token.RevocationOutcome.AlreadyRevoked.class);
        Token.RevocationOutcome now = scheduled.revoke(T0.plusSeconds(10), RevocationReason.REQUESTED);
        assertThat(now).isInstanceOfSatisfying(Token.RevocationOutcome.Revoked.class, revoked -> {
            assertThat(revoked.token().statusAt(T0.plusSeconds(10))).isInstanceOf(TokenStatus.Revoked.class);
            assertThat(revoked.token().revoke(T0.plusSeconds(5), RevocationReason.REQUESTED))
                    .as("an explicit revocation is final").isInstanceOf(Token.RevocationOutcome.AlreadyRevoked.class);
        });
    }

    @Test
    void aRefreshTokenIsConsumedOnceOnly() {
        Token refresh = refreshToken();

        Token.ConsumptionOutcome first = refresh.consume(T0.plusSeconds(5));
        assertThat(first).isInstanceOf(Token.ConsumptionOutcome.Consumed.class);
        Token consumed = ((Token.ConsumptionOutcome.Consumed) first).token();

        assertThat(consumed.statusAt(T0.plusSeconds(6))).isEqualTo(new TokenStatus.Consumed(T0.plusSeconds(5)));
        assertThat(consumed.consume(T0.plusSeconds(7))).isInstanceOf(Token.ConsumptionOutcome.AlreadyConsumed.class);
        assertThat(consumed.use(T0.plusSeconds(7))).isInstanceOf(Token.UseOutcome.Refused.class);
    }

    @Test
    void onlyRefreshTokensAreConsumedAndOnlyWhileActive() {
        assertThat(issued(Expiry.never()).consume(T0)).isInstanceOf(Token.ConsumptionOutcome.NotARefreshToken.class);
        assertThat(refreshToken().consume(T0.plusSeconds(3600))).isInstanceOf(Token.ConsumptionOutcome.Refused.class);
    }

    @Test
    void refreshTokensDoNotAuthenticateApiCalls() {
        assertThat(TokenKind.REFRESH.authenticatesApiCalls()).isFalse();
        assertThat(TokenKind.PERSONAL.authenticatesApiCalls()).isTrue();
        assertThat(TokenKind.ACCESS.authenticatesApiCalls()).isTrue();
    }

    @Test
    void aPageIsOfferedARotationExactlyWhenRotateWouldMakeOne() {
        Token active = issued(Expiry.at(T0.plusSeconds(3600)));
        Token expired = issued(Expiry.at(T0.plusSeconds(10)));
        Token scheduled = ((Token.RevocationOutcome.Revoked) active.revoke(T0.plusSeconds(600),
                RevocationReason.ROTATED)).token();
        Token revoked = ((Token.RevocationOutcome.Revoked) active.revoke(T0, RevocationReason.REQUESTED)).token();
        java.time.Instant now = T0.plusSeconds(60);
        for (Token token : java.util.List.of(active, expired, scheduled, revoked, refreshToken())) {
            Token.RotationOutcome outcome = token.rotate(now, java.time.Duration.ZERO,
                    TokenId.fromRandomBytes(new byte[16]), Expiry.never(), SECRET.hash());
            assertThat(token.mayRotateAt(now)).as("%s", token)
                    .isEqualTo(outcome instanceof Token.RotationOutcome.Rotated);
            assertThat(token.rotationRefusalAt(now).orElse(null)).isEqualTo(
                    outcome instanceof Token.RotationOutcome.Refused refused ? refused.reason() : null);
        }
        assertThat(active.mayRotateAt(now)).isTrue();
    }
}
