package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateClientUseCase.ClientCredentials;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase.Introspector;
import dev.latchkey.application.port.in.IntrospectTokenUseCase.IntrospectionQuery;
import dev.latchkey.application.port.in.IntrospectTokenUseCase.Outcome;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntrospectAndRevokePresentedTest {

    private static final GrantPolicy POLICY = GrantPolicy.standard(Lifetime.of(Duration.ofHours(1)),
            Lifetime.of(Duration.ofDays(30)), Duration.ZERO, GrantPolicy.AccessTokenFormat.OPAQUE);
    private static final Introspector GATEWAY = new Introspector.Client(ClientId.of("gateway"));

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final IntrospectTokenUseCase introspect = fixture.services.introspectToken();

    private Outcome look(Introspector introspector, String token, boolean peek) {
        return introspect.introspect(new IntrospectionQuery(introspector, token, peek));
    }

    @Test
    void anActiveTokenIsDescribedAndItsUseRecorded() {
        String token = fixture.issue(alice, Optional.empty(), Scopes.of("read")).credential();
        fixture.clock.advance(Duration.ofSeconds(30));

        Outcome outcome = look(GATEWAY, token, false);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Active.class, active -> {
            assertThat(active.owner().username().value()).isEqualTo("alice");
            assertThat(active.token().lastUsedAt()).contains(fixture.clock.instant());
        });
    }

    @Test
    void peekingRecordsNoUse() {
        IssuedTokenView issued = new IssuedTokenView(fixture.issue(alice, Optional.empty(), Scopes.none()));

        assertThat(look(GATEWAY, issued.secret(), true)).isInstanceOf(Outcome.Active.class);
        assertThat(fixture.tokens.loadById(issued.id()).orElseThrow().lastUsedAt()).isEmpty();
    }

    @Test
    void unknownMalformedExpiredAndRevokedTokensAreAllJustInactive() {
        String expiring = fixture.issue(alice, Optional.of(Lifetime.fromSeconds(5)), Scopes.none()).credential();
        String revoked = fixture.issue(alice, Optional.empty(), Scopes.none()).credential();
        fixture.services.revokeToken().revokePresented(new RevokeTokenUseCase.RevokePresentedCommand(revoked));
        fixture.clock.advance(Duration.ofSeconds(5));

        for (String token : new String[] {"garbage", "lk_" + "0".repeat(49), expiring, revoked}) {
            assertThat(look(GATEWAY, token, false)).as(token).isInstanceOf(Outcome.Inactive.class);
            assertThat(look(GATEWAY, token, true)).as(token).isInstanceOf(Outcome.Inactive.class);
        }
    }

    @Test
    void aBearerNeedsTheIntrospectScope() {
        String target = fixture.issue(alice, Optional.empty(), Scopes.none()).credential();
        Caller plain = fixture.byToken(fixture.issue(root, Optional.empty(), Scopes.none()));
        Caller introspector = fixture.byToken(fixture.issue(root, Optional.empty(), Scopes.of("introspect")));

        assertThat(look(new Introspector.TokenBearer(plain), target, false)).isInstanceOf(Outcome.NotAllowed.class);
        assertThat(look(new Introspector.TokenBearer(introspector), target, false)).isInstanceOf(Outcome.Active.class);
    }

    @Test
    void usersCannotIssueThemselvesTheIntrospectScope() {
        assertThat(fixture.services.issueToken(ServiceFixture.POLICY).issue(
                new dev.latchkey.application.port.in.IssueTokenUseCase.IssueTokenCommand(alice,
                        dev.latchkey.domain.TokenDescription.none(), Scopes.of("introspect"), Optional.empty())))
                .isInstanceOf(dev.latchkey.application.port.in.IssueTokenUseCase.Outcome.ScopeNotAllowed.class);
    }

    @Test
    void revokingARefreshTokenRevokesItsWholeGrant() {
        GrantTokensUseCase.Outcome.Granted granted = (GrantTokensUseCase.Outcome.Granted) fixture.services
                .grantTokens(POLICY).grant(new GrantTokensUseCase.PasswordGrant("alice", "alice-password", ServiceFixture.ADDRESS,
                        Optional.empty(), Optional.empty()));

        RevokeTokenUseCase.PresentedOutcome outcome = fixture.services.revokeToken().revokePresented(
                new RevokeTokenUseCase.RevokePresentedCommand(granted.refresh().orElseThrow().credential()));

        assertThat(outcome).isInstanceOf(RevokeTokenUseCase.PresentedOutcome.Revoked.class);
        assertThat(fixture.tokens.loadById(granted.access().token().id()).orElseThrow()
                .statusAt(fixture.clock.instant())).isInstanceOf(TokenStatus.Revoked.class);
    }

    @Test
    void revokingSomethingUnknownOrTwiceChangesNothing() {
        String token = fixture.issue(alice, Optional.empty(), Scopes.none()).credential();
        RevokeTokenUseCase revoke = fixture.services.revokeToken();

        assertThat(revoke.revokePresented(new RevokeTokenUseCase.RevokePresentedCommand(token)))
                .isInstanceOf(RevokeTokenUseCase.PresentedOutcome.Revoked.class);
        assertThat(revoke.revokePresented(new RevokeTokenUseCase.RevokePresentedCommand(token)))
                .isInstanceOf(RevokeTokenUseCase.PresentedOutcome.NothingToRevoke.class);
        assertThat(revoke.revokePresented(new RevokeTokenUseCase.RevokePresentedCommand("nonsense")))
                .isInstanceOf(RevokeTokenUseCase.PresentedOutcome.NothingToRevoke.class);
    }

    @Test
    void registeredClientsAuthenticateWithTheirSecretOnly() {
        RegisterClientUseCase.Outcome.Registered registered = (RegisterClientUseCase.Outcome.Registered) fixture
                .services.registerClient().register(RegisterClientUseCase.RegisterClientCommand.confidential(root, "gateway"));
        AuthenticateClientUseCase authenticate = fixture.services.authenticateClient();
        String id = registered.client().id().value();

        assertThat(authenticate.authenticate(new ClientCredentials(id, registered.secret().orElseThrow().reveal())))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Authenticated.class);
        assertThat(authenticate.authenticate(new ClientCredentials(id, "lkc_wrong")))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Refused.class);
        assertThat(authenticate.authenticate(new ClientCredentials("unknown", registered.secret().orElseThrow().reveal())))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Refused.class);
        assertThat(fixture.hasher.verifications).as("no password hash is spent on clients").hasValue(0);
    }

    @Test
    void onlyAdministratorsRegisterClients() {
        assertThatThrownBy(() -> fixture.services.registerClient().register(
                RegisterClientUseCase.RegisterClientCommand.confidential(alice, "rogue")))
                .isInstanceOf(dev.latchkey.application.port.in.NotAnAdministratorException.class);
    }

    /** The id and clear secret of a freshly issued personal token. */
    private record IssuedTokenView(dev.latchkey.domain.TokenId id, String secret) {
        IssuedTokenView(dev.latchkey.application.port.in.IssueTokenUseCase.Outcome.Issued issued) {
            this(issued.token().id(), issued.credential());
        }
    }
}
