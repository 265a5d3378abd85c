package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssuedToken;
import dev.latchkey.application.port.in.RevokeTokenUseCase.RevokeTokenCommand;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A token made with another token as its credential is that token's delegate (ADR 5): revoking, rotating out or
 * disabling anything up the chain ends everything below it, each with its own event, and nothing above it.
 */
class DelegationTest {

    private static final GrantPolicy GRANTS = GrantPolicy.standard(Lifetime.of(Duration.ofHours(1)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);

    private final ServiceFixture fixture = new ServiceFixture();
    private final Account kim = fixture.account("kim", "kim's password", Role.ADMIN);
    private final Caller byPassword = ServiceFixture.byPassword(kim);
    private final IssueTokenUseCase issue = fixture.services.issueToken(ServiceFixture.POLICY);
    private final GrantTokensUseCase grants = fixture.services.grantTokens(GRANTS);

    /** A chain: a root personal token, its delegate, that one's exchange, and a personal token made by the exchange. */
    private List<IssuedToken> chain() {
        List<IssuedToken> chain = new ArrayList<>();
        IssueTokenUseCase.Outcome.Issued root = fixture.issue(byPassword, Optional.of(Lifetime.never()), Scopes.none());
        chain.add(new IssuedToken(root.token(), root.credential()));
        IssueTokenUseCase.Outcome.Issued delegate = (IssueTokenUseCase.Outcome.Issued) issue.issue(
                new IssueTokenUseCase.IssueTokenCommand(fixture.byToken(root), TokenDescription.of("child"),
                        Scopes.none(), Optional.of(Lifetime.never())));
        chain.add(new IssuedToken(delegate.token(), delegate.credential()));
        GrantTokensUseCase.Outcome.Granted exchanged = (GrantTokensUseCase.Outcome.Granted) grants.grant(
                new GrantTokensUseCase.TokenExchangeGrant(delegate.credential(), Optional.empty(), Optional.empty(),
                        Optional.empty()));
        chain.add(exchanged.access());
        IssueTokenUseCase.Outcome.Issued madeByExchange = (IssueTokenUseCase.Outcome.Issued) issue.issue(
                new IssueTokenUseCase.IssueTokenCommand(callerPresenting(exchanged.access()),
                        TokenDescription.of("grandchild"), Scopes.none(), Optional.empty()));
        chain.add(new IssuedToken(madeByExchange.token(), madeByExchange.credential()));
        return chain;
    }

    @ParameterizedTest(name = "revoked at depth {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void revokingATokenRevokesEverythingBelowItAndNothingAbove(int depth) {
        List<IssuedToken> chain = chain();
        int eventsBefore = fixture.events.recorded.size();

        fixture.services.revokeToken().revoke(new RevokeTokenCommand(byPassword, chain.get(depth).token().id(),
                RevocationReason.REQUESTED));

        for (int index = 0; index < chain.size(); index++) {
            assertThat(active(chain.get(index))).as("depth %d", index).isEqualTo(index < depth);
        }
        for (int index = depth + 1; index < chain.size(); index++) {
            assertThat(stored(chain.get(index)).revocation().orElseThrow().reason())
                    .isEqualTo(RevocationReason.DELEGATOR_REVOKED);
        }
        assertThat(fixture.events.recorded.size() - eventsBefore).as("one event per token revoked")
                .isEqualTo(chain.size() - depth);
    }

    @Test
    void rotatingATokenOutEndsItsDelegatesWithItsOverlapOrSoonerIfItIsRevoked() {
        List<IssuedToken> chain = chain();
        RotateTokenUseCase.Outcome rotated = fixture.services.rotateToken(ServiceFixture.POLICY).rotate(
                new RotateTokenUseCase.RotateTokenCommand(byPassword, chain.get(0).token().id(), Duration.ofHours(1),
                        Optional.empty()));
        assertThat(rotated).isInstanceOf(RotateTokenUseCase.Outcome.Rotated.class);

        fixture.clock.advance(Duration.ofMinutes(30));
        assertThat(chain).allMatch(this::active);
        fixture.clock.advance(Duration.ofMinutes(31));
        assertThat(chain).noneMatch(this::active);
        assertThat(stored(chain.get(1)).revocation().orElseThrow().reason())
                .isEqualTo(RevocationReason.DELEGATOR_ROTATED);
    }

    @Test
    void aDelegateMadeDuringItsDelegatorsOverlapEndsWithIt() {
        IssueTokenUseCase.Outcome.Issued root = fixture.issue(byPassword, Optional.of(Lifetime.never()), Scopes.none());
        fixture.services.rotateToken(ServiceFixture.POLICY).rotate(new RotateTokenUseCase.RotateTokenCommand(
                byPassword, root.token().id(), Duration.ofHours(1), Optional.empty()));

        IssueTokenUseCase.Outcome defaulted = issue.issue(new IssueTokenUseCase.IssueTokenCommand(
                fixture.byToken(root), TokenDescription.none(), Scopes.none(), Optional.empty()));
        IssueTokenUseCase.Outcome forever = issue.issue(new IssueTokenUseCase.IssueTokenCommand(
                fixture.byToken(root), TokenDescription.none(), Scopes.none(), Optional.of(Lifetime.never())));

        assertThat(((IssueTokenUseCase.Outcome.Issued) defaulted).token().expiry())
                .isEqualTo(stored(new IssuedToken(root.token(), root.credential())).validUntil());
        assertThat(forever).isInstanceOf(IssueTokenUseCase.Outcome.DelegationRefused.class);
    }

    @Test
    void theDelegatesOfAGrantsAccessTokenEndWithTheGrant() {
        GrantTokensUseCase.Outcome.Granted granted = passwordGrant();
        IssuedToken child = madeBy(granted.access());

        fixture.services.revokeToken().revoke(new RevokeTokenCommand(byPassword,
                granted.refresh().orElseThrow().token().id(), RevocationReason.REQUESTED));

        assertThat(active(child)).isFalse();
    }

    @Test
    void theDelegatesOfAGrantsAccessTokenEndWhenAReplayRevokesTheGrant() {
        GrantTokensUseCase.Outcome.Granted granted = passwordGrant();
        IssuedToken child = madeBy(granted.access());
        String refresh = granted.refresh().orElseThrow().credential();
        grants.grant(new GrantTokensUseCase.RefreshGrant(refresh, Optional.empty(), Optional.empty()));
        fixture.clock.advance(Duration.ofMinutes(1));

        grants.grant(new GrantTokensUseCase.RefreshGrant(refresh, Optional.empty(), Optional.empty()));

        assertThat(active(child)).isFalse();
    }

    @Test
    void theDelegatesOfAnAccessTokenEndWhenARefreshRevokesTheEarlierTokens() {
        GrantTokensUseCase mastersIndia = fixture.services.grantTokens(new GrantPolicy(new GrantSurface("mastersindia"),
                Lifetime.of(Duration.ofDays(1)), Lifetime.of(Duration.ofDays(30)), Duration.ZERO,
                GrantPolicy.AccessTokenFormat.OPAQUE, true));
        GrantTokensUseCase.Outcome.Granted granted = (GrantTokensUseCase.Outcome.Granted) mastersIndia.grant(
                new GrantTokensUseCase.PasswordGrant("kim", "kim's password", ServiceFixture.ADDRESS, Optional.empty(),
                        Optional.empty()));
        IssuedToken child = madeBy(granted.access());

        mastersIndia.grant(new GrantTokensUseCase.RefreshGrant(granted.refresh().orElseThrow().credential(),
                Optional.empty(), Optional.empty()));

        assertThat(active(child)).isFalse();
    }

    @Test
    void aDelegateKeepsItsDelegatorsAudience() {
        IssueTokenUseCase.Outcome.Issued root = fixture.issue(byPassword, Optional.of(Lifetime.never()), Scopes.none());
        GrantTokensUseCase.Outcome.Granted narrowed = (GrantTokensUseCase.Outcome.Granted) grants.grant(
                new GrantTokensUseCase.TokenExchangeGrant(root.credential(), Optional.empty(),
                        Optional.of(new Audience("https://a.example")), Optional.empty()));

        IssuedToken child = madeBy(narrowed.access());

        assertThat(child.token().audience()).contains(new Audience("https://a.example"));
        assertThat(child.token().delegator()).contains(narrowed.access().token().id());
    }

    @Test
    void aRotatedDelegateStaysInItsChainAndAnUnrelatedTokenCannotRotateIt() {
        IssueTokenUseCase.Outcome.Issued root = fixture.issue(byPassword, Optional.of(Lifetime.of(Duration.ofDays(2))),
                Scopes.none());
        IssuedToken delegate = madeBy(new IssuedToken(root.token(), root.credential()));
        IssueTokenUseCase.Outcome.Issued unrelated = fixture.issue(byPassword, Optional.of(Lifetime.never()),
                Scopes.none());
        RotateTokenUseCase rotate = fixture.services.rotateToken(ServiceFixture.POLICY);
        fixture.clock.advance(Duration.ofDays(1));

        assertThat(rotate.rotate(new RotateTokenUseCase.RotateTokenCommand(fixture.byToken(unrelated),
                delegate.token().id(), Duration.ZERO, Optional.empty())))
                .isInstanceOf(RotateTokenUseCase.Outcome.DelegationRefused.class);
        RotateTokenUseCase.Outcome.Rotated rotated = (RotateTokenUseCase.Outcome.Rotated) rotate.rotate(
                new RotateTokenUseCase.RotateTokenCommand(byPassword, delegate.token().id(), Duration.ZERO,
                        Optional.empty()));

        Token replacement = rotated.replacement().token();
        assertThat(replacement.delegator()).contains(root.token().id());
        assertThat(replacement.expiry()).isEqualTo(root.token().expiry());
        fixture.services.revokeToken().revoke(new RevokeTokenCommand(byPassword, root.token().id(),
                RevocationReason.REQUESTED));
        assertThat(active(rotated.replacement())).isFalse();
    }

    @Test
    void aPasswordMadeTokenIsARoot() {
        IssueTokenUseCase.Outcome.Issued root = fixture.issue(byPassword, Optional.empty(), Scopes.none());

        assertThat(root.token().delegator()).isEmpty();
    }

    private GrantTokensUseCase.Outcome.Granted passwordGrant() {
        return (GrantTokensUseCase.Outcome.Granted) grants.grant(new GrantTokensUseCase.PasswordGrant("kim",
                "kim's password", ServiceFixture.ADDRESS, Optional.empty(), Optional.empty()));
    }

    private IssuedToken madeBy(IssuedToken delegator) {
        IssueTokenUseCase.Outcome.Issued made = (IssueTokenUseCase.Outcome.Issued) issue.issue(
                new IssueTokenUseCase.IssueTokenCommand(callerPresenting(delegator), TokenDescription.none(),
                        Scopes.none(), Optional.empty()));
        return new IssuedToken(made.token(), made.credential());
    }

    private Caller callerPresenting(IssuedToken token) {
        return fixture.byToken(new IssueTokenUseCase.Outcome.Issued(token.token(), token.credential()));
    }

    private Token stored(IssuedToken token) {
        return fixture.tokens.loadById(token.token().id()).orElseThrow();
    }

    private boolean active(IssuedToken token) {
        return stored(token).statusAt(fixture.clock.instant()) instanceof TokenStatus.Active;
    }
}
