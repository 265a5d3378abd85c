package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.Outcome;
import dev.latchkey.application.port.in.GrantTokensUseCase.PasswordGrant;
import dev.latchkey.application.port.in.GrantTokensUseCase.RefreshGrant;
import dev.latchkey.domain.ClientId;
import java.time.Instant;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrantTokensServiceTest {

    private static final GrantPolicy POLICY = GrantPolicy.standard(Lifetime.of(Duration.ofHours(1)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);
    private static final Optional<OAuthClient> GATEWAY = Optional.of(ServiceFixture.passwordGateway("gateway"));

    private final ServiceFixture fixture = new ServiceFixture();
    private final GrantTokensUseCase grants = fixture.services.grantTokens(POLICY);

    GrantTokensServiceTest() {
        fixture.account("alice", "alice-password");
        fixture.account("root", "root-password", Role.ADMIN);
    }

    private Outcome.Granted passwordGrant(Optional<Scopes> scope) {
        return (Outcome.Granted) grants.grant(new PasswordGrant("alice", "alice-password", ServiceFixture.ADDRESS, scope, GATEWAY));
    }

    private Outcome refresh(Outcome.Granted granted) {
        return grants.grant(new RefreshGrant(granted.refresh().orElseThrow().credential(), Optional.empty(), GATEWAY));
    }

    private Token stored(Outcome.Granted granted, boolean refreshToken) {
        return fixture.tokens.loadById((refreshToken ? granted.refresh().orElseThrow() : granted.access()).token().id()).orElseThrow();
    }

    @Test
    void aPasswordGrantIssuesAnAccessAndARefreshTokenOfOneGrant() {
        Outcome.Granted granted = passwordGrant(Optional.of(Scopes.of("read")));

        Token access = granted.access().token();
        Token refresh = granted.refresh().orElseThrow().token();
        assertThat(access.kind()).isEqualTo(TokenKind.ACCESS);
        assertThat(refresh.kind()).isEqualTo(TokenKind.REFRESH);
        assertThat(access.grant()).isPresent().isEqualTo(refresh.grant());
        assertThat(access.client()).isEqualTo(GATEWAY.map(OAuthClient::id));
        assertThat(access.scopes()).isEqualTo(Scopes.of("read"));
        assertThat(access.expiry()).isEqualTo(Expiry.at(ServiceFixture.START.plus(Duration.ofHours(1))));
        assertThat(refresh.expiry()).isEqualTo(Expiry.at(ServiceFixture.START.plus(Duration.ofDays(30))));
        assertThat(fixture.transactions.transactions).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsAnInvalidGrant() {
        assertThat(grants.grant(new PasswordGrant("alice", "nope", ServiceFixture.ADDRESS, Optional.empty(), Optional.empty())))
                .isInstanceOf(Outcome.InvalidGrant.class);
    }

    @Test
    void onlyAdministratorsMayHoldTheIntrospectScope() {
        assertThat(grants.grant(new PasswordGrant("alice", "alice-password", ServiceFixture.ADDRESS, Optional.of(Scopes.of("introspect")),
                Optional.empty()))).isInstanceOf(Outcome.InvalidScope.class);
        assertThat(grants.grant(new PasswordGrant("root", "root-password", ServiceFixture.ADDRESS, Optional.of(Scopes.of("introspect")),
                Optional.empty()))).isInstanceOf(Outcome.Granted.class);
    }

    @Test
    void aRefreshRotatesBothTokensAndSpendsTheOldRefreshToken() {
        Outcome.Granted first = passwordGrant(Optional.of(Scopes.of("read")));
        fixture.clock.advance(Duration.ofMinutes(10));

        Outcome.Granted second = (Outcome.Granted) refresh(first);

        assertThat(second.access().credential()).isNotEqualTo(first.access().credential());
        assertThat(second.refresh().orElseThrow().credential()).isNotEqualTo(first.refresh().orElseThrow().credential());
        assertThat(second.access().token().grant()).isEqualTo(first.access().token().grant());
        assertThat(second.access().token().scopes()).isEqualTo(Scopes.of("read"));
        assertThat(stored(first, true).statusAt(fixture.clock.instant())).isInstanceOf(TokenStatus.Consumed.class);
    }

    @Test
    void aRefreshMayNarrowButNotWidenTheScopes() {
        Outcome.Granted granted = passwordGrant(Optional.of(Scopes.of("read", "write")));

        assertThat(grants.grant(new RefreshGrant(granted.refresh().orElseThrow().credential(), Optional.of(Scopes.of("admin")),
                GATEWAY))).isInstanceOf(Outcome.InvalidScope.class);
        Outcome narrowed = grants.grant(new RefreshGrant(granted.refresh().orElseThrow().credential(),
                Optional.of(Scopes.of("read")), GATEWAY));
        assertThat(((Outcome.Granted) narrowed).access().token().scopes()).isEqualTo(Scopes.of("read"));
    }

    @Test
    void aRefreshTokenIsBoundToItsClient() {
        Outcome.Granted granted = passwordGrant(Optional.empty());

        assertThat(grants.grant(new RefreshGrant(granted.refresh().orElseThrow().credential(), Optional.empty(),
                Optional.of(OAuthClient.confidential(ClientId.of("someone-else"), "someone else",
                        ClientSecret.fromRandomBytes(new byte[32]).hash(), Instant.EPOCH)))))
                .isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(grants.grant(new RefreshGrant(granted.refresh().orElseThrow().credential(), Optional.empty(), Optional.empty())))
                .isInstanceOf(Outcome.InvalidGrant.class);
    }

    @Test
    void anAccessTokenIsNoRefreshToken() {
        Outcome.Granted granted = passwordGrant(Optional.empty());

        assertThat(grants.grant(new RefreshGrant(granted.access().credential(), Optional.empty(), GATEWAY)))
                .isInstanceOf(Outcome.InvalidGrant.class);
    }

    @Test
    void aReplayedRefreshTokenRevokesTheWholeGrant() {
        Outcome.Granted first = passwordGrant(Optional.empty());
        Outcome.Granted second = (Outcome.Granted) refresh(first);
        fixture.clock.advance(Duration.ofMinutes(5));

        Outcome replay = refresh(first);

        assertThat(replay).isInstanceOfSatisfying(Outcome.InvalidGrant.class,
                invalid -> assertThat(invalid.reason()).contains("revoked"));
        for (Token token : new Token[] {stored(first, false), stored(second, false), stored(second, true)}) {
            assertThat(token.statusAt(fixture.clock.instant())).isInstanceOfSatisfying(TokenStatus.Revoked.class,
                    revoked -> assertThat(revoked.revocation().reason()).isEqualTo(RevocationReason.REFRESH_TOKEN_REUSED));
        }
        assertThat(refresh(second)).isInstanceOf(Outcome.InvalidGrant.class);
    }

    @Test
    void aSecondPresentationWithinTheLeewayIsRefusedWithoutRevokingTheGrant() {
        Outcome.Granted first = passwordGrant(Optional.empty());
        Outcome.Granted second = (Outcome.Granted) refresh(first);
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThat(refresh(first)).isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(stored(second, true).statusAt(fixture.clock.instant())).isInstanceOf(TokenStatus.Active.class);
    }

    @Test
    void anExpiredRefreshTokenIsAnInvalidGrant() {
        Outcome.Granted granted = passwordGrant(Optional.empty());
        fixture.clock.advance(Duration.ofDays(31));

        assertThat(refresh(granted)).isInstanceOf(Outcome.InvalidGrant.class);
    }

    @Test
    void garbageIsAnInvalidGrant() {
        assertThat(grants.grant(new RefreshGrant("not a token", Optional.empty(), Optional.empty())))
                .isInstanceOf(Outcome.InvalidGrant.class);
    }

    @Test
    void jwtAccessTokensAuthenticateAndAreRevocableByTheirId() {
        GrantTokensUseCase jwtGrants = fixture.services.grantTokens(GrantPolicy.standard(POLICY.accessTokenLifetime(),
                POLICY.refreshTokenLifetime(), POLICY.reuseLeeway(), GrantPolicy.AccessTokenFormat.JWT));
        Outcome.Granted granted = (Outcome.Granted) jwtGrants.grant(
                new PasswordGrant("alice", "alice-password", ServiceFixture.ADDRESS, Optional.empty(), GATEWAY));
        String jwt = granted.access().credential();
        dev.latchkey.application.port.in.AuthenticateUseCase authenticate = fixture.services.authenticate();

        assertThat(jwt).startsWith("jwt.");
        assertThat(granted.refresh().orElseThrow().credential()).as("refresh tokens stay opaque").startsWith("lk_");
        assertThat(authenticate.authenticate(new dev.latchkey.application.port.in.AuthenticateUseCase
                .PresentedToken(jwt))).isInstanceOf(dev.latchkey.application.port.in.AuthenticateUseCase
                .Outcome.Authenticated.class);

        fixture.services.revokeToken().revokePresented(
                new dev.latchkey.application.port.in.RevokeTokenUseCase.RevokePresentedCommand(jwt));

        assertThat(authenticate.authenticate(new dev.latchkey.application.port.in.AuthenticateUseCase
                .PresentedToken(jwt))).isEqualTo(new dev.latchkey.application.port.in.AuthenticateUseCase.Outcome
                .Refused(dev.latchkey.application.port.in.AuthenticateUseCase.Reason.TOKEN_REVOKED));
    }

    @Test
    void aPolicyCanMakeARefreshInvalidateTheTokensItReplaces() {
        GrantTokensUseCase strict = fixture.services.grantTokens(new GrantPolicy(GrantSurface.TOKEN_ENDPOINT,
                POLICY.accessTokenLifetime(), POLICY.refreshTokenLifetime(), POLICY.reuseLeeway(),
                GrantPolicy.AccessTokenFormat.OPAQUE, true));
        Outcome.Granted first = (Outcome.Granted) strict.grant(
                new PasswordGrant("alice", "alice-password", ServiceFixture.ADDRESS, Optional.empty(), GATEWAY));

        Outcome.Granted second = (Outcome.Granted) strict.grant(
                new RefreshGrant(first.refresh().orElseThrow().credential(), Optional.empty(), GATEWAY));

        assertThat(stored(first, false).statusAt(fixture.clock.instant())).isInstanceOf(TokenStatus.Revoked.class);
        assertThat(stored(second, false).statusAt(fixture.clock.instant())).isInstanceOf(TokenStatus.Active.class);
        assertThat(stored(second, true).statusAt(fixture.clock.instant())).isInstanceOf(TokenStatus.Active.class);
    }

    @Test
    void refusalsSayWhy() {
        Outcome.Granted granted = passwordGrant(Optional.empty());
        fixture.clock.advance(Duration.ofDays(31));

        assertThat(refresh(granted)).isInstanceOfSatisfying(Outcome.InvalidGrant.class,
                invalid -> assertThat(invalid.cause()).isEqualTo(GrantTokensUseCase.Cause.EXPIRED));
        assertThat(grants.grant(new PasswordGrant("alice", "nope", ServiceFixture.ADDRESS, Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(Outcome.InvalidGrant.class, invalid ->
                        assertThat(invalid.cause()).isEqualTo(GrantTokensUseCase.Cause.BAD_CREDENTIALS));
    }

    @Test
    void secretsStayOutOfToString() {
        assertThat(new PasswordGrant("alice", "hunter22", ServiceFixture.ADDRESS, Optional.empty(), Optional.empty()).toString())
                .doesNotContain("hunter22");
        assertThat(new RefreshGrant("lk_secretvalue", Optional.empty(), Optional.empty()).toString())
                .doesNotContain("lk_secretvalue");
        assertThat(passwordGrant(Optional.empty()).access().toString()).doesNotContain("lk_");
    }

    @Test
    void aRefreshTokenRedeemsOnlyThroughTheSurfaceThatMadeIt() {
        GrantTokensUseCase platform = fixture.services.grantTokens(new GrantPolicy(GrantSurface.of("platform"),
                POLICY.accessTokenLifetime(), POLICY.refreshTokenLifetime(), POLICY.reuseLeeway(),
                GrantPolicy.AccessTokenFormat.OPAQUE, true));
        Outcome.Granted byPlatform = (Outcome.Granted) platform.grant(new PasswordGrant("alice", "alice-password",
                ServiceFixture.ADDRESS, Optional.empty(), Optional.empty()));
        Outcome.Granted byEndpoint = (Outcome.Granted) grants.grant(new PasswordGrant("alice", "alice-password",
                ServiceFixture.ADDRESS, Optional.empty(), Optional.empty()));

        assertThat(grants.grant(new RefreshGrant(byPlatform.refresh().orElseThrow().credential(), Optional.empty(),
                Optional.empty()))).isEqualTo(new Outcome.InvalidGrant(
                        GrantTokensUseCase.Cause.WRONG_SURFACE, "The refresh token is invalid, expired or revoked."));
        assertThat(platform.grant(new RefreshGrant(byEndpoint.refresh().orElseThrow().credential(), Optional.empty(),
                Optional.empty()))).isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(platform.grant(new RefreshGrant(byPlatform.refresh().orElseThrow().credential(), Optional.empty(),
                Optional.empty()))).as("its own surface still redeems it").isInstanceOf(Outcome.Granted.class);
    }
}
