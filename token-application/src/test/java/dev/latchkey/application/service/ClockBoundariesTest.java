package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.Outcome;
import dev.latchkey.application.port.in.GrantTokensUseCase.PasswordGrant;
import dev.latchkey.application.port.in.GrantTokensUseCase.RefreshGrant;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase.RotateTokenCommand;
import dev.latchkey.domain.ClientId;
import java.time.Instant;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every time boundary, crossed with the one injected clock (issue 10.6): one millisecond before it, exactly at it, and
 * one millisecond after. A token's expiry and a rotation's end of overlap are instants from which the token no
 * longer works; the reuse leeway of a spent refresh token is an interval that includes its end.
 */
class ClockBoundariesTest {

    private static final Duration ACCESS = Duration.ofMinutes(10);
    private static final Duration REFRESH = Duration.ofDays(30);
    private static final Duration LEEWAY = Duration.ofSeconds(2);
    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final GrantPolicy GRANTS = GrantPolicy.standard(Lifetime.of(ACCESS), Lifetime.of(REFRESH), LEEWAY,
            GrantPolicy.AccessTokenFormat.OPAQUE);
    private static final Optional<OAuthClient> CLIENT = Optional.of(ServiceFixture.passwordGateway("gateway"));

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final GrantTokensUseCase grants = fixture.services.grantTokens(GRANTS);

    @ParameterizedTest(name = "{0} ms from the expiry")
    @ValueSource(longs = {-1, 0, 1})
    void anAccessTokenWorksUntilTheMillisecondBeforeItsExpiry(long offsetMillis) {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(alice, Optional.of(Lifetime.of(ACCESS)), Scopes.none());

        fixture.clock.advance(ACCESS.plusMillis(offsetMillis));

        assertThat(authenticates(issued.credential())).isEqualTo(offsetMillis < 0);
    }

    @ParameterizedTest(name = "{0} ms from the expiry")
    @ValueSource(longs = {-1, 0, 1})
    void aGrantsAccessTokenWorksUntilTheMillisecondBeforeItsExpiry(long offsetMillis) {
        Outcome.Granted granted = passwordGrant();

        fixture.clock.advance(ACCESS.plusMillis(offsetMillis));

        assertThat(authenticates(granted.access().credential())).isEqualTo(offsetMillis < 0);
    }

    @ParameterizedTest(name = "{0} ms from the expiry")
    @ValueSource(longs = {-1, 0, 1})
    void aRefreshTokenRedeemsUntilTheMillisecondBeforeItsExpiry(long offsetMillis) {
        Outcome.Granted granted = passwordGrant();

        fixture.clock.advance(REFRESH.plusMillis(offsetMillis));

        assertThat(refresh(granted)).isInstanceOf(offsetMillis < 0 ? Outcome.Granted.class
                : Outcome.InvalidGrant.class);
    }

    @ParameterizedTest(name = "{0} ms from the end of the overlap")
    @ValueSource(longs = {-1, 0, 1})
    void aRotatedTokenWorksUntilTheMillisecondBeforeItsOverlapEnds(long offsetMillis) {
        IssueTokenUseCase.Outcome.Issued old = fixture.issue(alice, Optional.of(Lifetime.of(Duration.ofDays(1))),
                Scopes.none());
        fixture.services.rotateToken(ServiceFixture.POLICY).rotate(
                new RotateTokenCommand(alice, old.token().id(), OVERLAP, Optional.empty()));

        fixture.clock.advance(OVERLAP.plusMillis(offsetMillis));

        assertThat(authenticates(old.credential())).isEqualTo(offsetMillis < 0);
    }

    @ParameterizedTest(name = "{0} ms from the end of the leeway")
    @ValueSource(longs = {-1, 0, 1})
    void aSpentRefreshTokenPresentedWithinTheLeewayIncludingItsEndSparesTheGrant(long offsetMillis) {
        Outcome.Granted first = passwordGrant();
        Outcome.Granted second = (Outcome.Granted) refresh(first);

        fixture.clock.advance(LEEWAY.plusMillis(offsetMillis));
        Outcome replay = refresh(first);

        assertThat(replay).isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(fixture.tokens.loadById(second.refresh().orElseThrow().token().id()).orElseThrow()
                .statusAt(fixture.clock.instant()))
                .isInstanceOf(offsetMillis <= 0 ? TokenStatus.Active.class : TokenStatus.Revoked.class);
    }

    private Outcome.Granted passwordGrant() {
        return (Outcome.Granted) grants.grant(new PasswordGrant("alice", "alice-password", ServiceFixture.ADDRESS,
                Optional.empty(), CLIENT));
    }

    private Outcome refresh(Outcome.Granted granted) {
        return grants.grant(new RefreshGrant(granted.refresh().orElseThrow().credential(), Optional.empty(), CLIENT));
    }

    private boolean authenticates(String credential) {
        return fixture.services.authenticate().authenticate(new AuthenticateUseCase.PresentedToken(credential))
                instanceof AuthenticateUseCase.Outcome.Authenticated;
    }
}
