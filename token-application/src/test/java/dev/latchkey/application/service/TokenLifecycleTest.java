package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.in.ChangeAccountUseCase.ChangeAccountCommand;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.PasswordGrant;
import dev.latchkey.application.port.in.GrantTokensUseCase.RefreshGrant;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase.IssueTokenCommand;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RotateClientSecretUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase.RevokePresentedCommand;
import dev.latchkey.application.port.in.RevokeTokenUseCase.RevokeTokenCommand;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase.RotateTokenCommand;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenDescription;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every change to a token's state, whichever use case makes it, is written by the one token lifecycle and recorded
 * in the audit trail exactly once: the store's journal of writes and the trail's entries must match one for one.
 */
class TokenLifecycleTest {

    private static final GrantPolicy GRANTS = GrantPolicy.standard(Lifetime.of(Duration.ofMinutes(5)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final Account alice = fixture.account("alice", "alice-password");
    private final GrantTokensUseCase grants = fixture.services.grantTokens(GRANTS);

    @Test
    void everyStateChangeOfAFullScenarioIsPublishedExactlyOnce() {
        Caller byPassword = ServiceFixture.byPassword(alice);
        // Issue, use, rotate with an overlap, then revoke the retiring token before its overlap ends.
        IssueTokenUseCase.Outcome.Issued personal = fixture.issue(byPassword, Optional.empty(), Scopes.of("read"));
        fixture.services.authenticate().authenticate(new AuthenticateUseCase.PresentedToken(personal.credential()));
        RotateTokenUseCase.Outcome.Rotated rotated = (RotateTokenUseCase.Outcome.Rotated) fixture.services
                .rotateToken(ServiceFixture.POLICY).rotate(new RotateTokenCommand(byPassword,
                        personal.token().id(), Duration.ofHours(1), Optional.empty()));
        fixture.services.revokeToken().revoke(
                new RevokeTokenCommand(byPassword, personal.token().id(), RevocationReason.REQUESTED));
        // Supersede: a new token with the same description takes the old one's place.
        IssueTokenUseCase issue = fixture.services.issueToken(ServiceFixture.POLICY);
        IssueTokenCommand sameDescription = new IssueTokenCommand(byPassword, TokenDescription.of("ci"), Scopes.none(),
                dev.latchkey.domain.LifetimeRequest.policyDefault(), IssueTokenUseCase.CredentialFormat.OPAQUE, true);
        issue.issue(sameDescription);
        issue.issue(sameDescription);
        // A grant: refresh it, then replay the spent refresh token after the leeway, which revokes the whole grant.
        GrantTokensUseCase.Outcome.Granted granted = passwordGrant();
        String firstRefresh = granted.refresh().orElseThrow().credential();
        grants.grant(new RefreshGrant(firstRefresh, Optional.empty(), Optional.empty()));
        fixture.clock.advance(Duration.ofSeconds(10));
        grants.grant(new RefreshGrant(firstRefresh, Optional.empty(), Optional.empty()));
        // Another grant, ended by revoking its refresh token, which takes its access token along.
        GrantTokensUseCase.Outcome.Granted second = passwordGrant();
        fixture.services.revokeToken().revokePresented(
                new RevokePresentedCommand(second.refresh().orElseThrow().credential()));
        // A client's own token, ended by disabling the client.
        OAuthClient client = ((RegisterClientUseCase.Outcome.Registered) fixture.services.registerClient().register(
                new RegisterClientUseCase.RegisterClientCommand(root, "billing", ClientType.CONFIDENTIAL,
                        Optional.of(EnumSet.of(GrantType.CLIENT_CREDENTIALS)), Optional.empty()))).client();
        grants.grant(new GrantTokensUseCase.ClientCredentialsGrant(client, Optional.empty()));
        fixture.services.administerClients().setEnabled(root, client.id(), false);
        // A leaked secret: the second client's tokens go with its old secret.
        OAuthClient leaking = ((RegisterClientUseCase.Outcome.Registered) fixture.services.registerClient().register(
                new RegisterClientUseCase.RegisterClientCommand(root, "reports", ClientType.CONFIDENTIAL,
                        Optional.of(EnumSet.of(GrantType.CLIENT_CREDENTIALS)), Optional.empty()))).client();
        grants.grant(new GrantTokensUseCase.ClientCredentialsGrant(leaking, Optional.empty()));
        fixture.services.rotateClientSecret().rotate(new RotateClientSecretUseCase.RotateClientSecretCommand(root,
                leaking.id(), Duration.ZERO, true));
        // Finally, disabling the account revokes what is left: the rotated replacement and the surviving "ci" token.
        passwordGrant();
        fixture.services.changeAccount().change(ChangeAccountCommand.of(root, alice.username(),
                new AccountEdit.SetEnabled(false)));

        assertThat(stateChanges()).containsExactlyInAnyOrderElementsOf(fixture.tokens.changes);
        assertThat(fixture.tokens.changes).as("the scenario reached every kind of change").hasSizeGreaterThan(25);
        assertThat(fixture.events.recordedTypes()).containsOnlyOnce(AuditEventType.TOKEN_ROTATED,
                AuditEventType.REFRESH_TOKEN_REUSED);
        assertThat(revocationReasons()).contains("reason=REQUESTED", "reason=SUPERSEDED",
                "reason=REFRESH_TOKEN_REUSED", "reason=GRANT_REVOKED", "reason=CLIENT_DISABLED",
                "reason=CLIENT_SECRET_ROTATED",
                "reason=ACCOUNT_DISABLED");
        assertThat(fixture.tokens.loadOwnedBy(alice.id(), 0, 100))
                .allSatisfy(token -> assertThat(token.isActiveAt(fixture.clock.instant())).isFalse());
        assertThat(rotated.replacement().token().id()).satisfies(replacement -> assertThat(
                fixture.tokens.loadById(replacement).orElseThrow().revocation().orElseThrow().reason())
                .isEqualTo(RevocationReason.ACCOUNT_DISABLED));
    }

    @Test
    void aRefreshThatRevokesTheEarlierPairPublishesEachRevocation() {
        GrantPolicy revoking = new GrantPolicy(GRANTS.surface(), GRANTS.accessTokenLifetime(),
                GRANTS.refreshTokenLifetime(), GRANTS.reuseLeeway(), GRANTS.accessTokenFormat(), true);
        GrantTokensUseCase strict = fixture.services.grantTokens(revoking);
        GrantTokensUseCase.Outcome.Granted granted = (GrantTokensUseCase.Outcome.Granted) strict.grant(
                new PasswordGrant("alice", "alice-password", ServiceFixture.ADDRESS, Optional.empty(),
                        Optional.empty()));

        strict.grant(new RefreshGrant(granted.refresh().orElseThrow().credential(), Optional.empty(),
                Optional.empty()));

        assertThat(fixture.events.recorded).filteredOn(event -> event.type() == AuditEventType.TOKEN_REVOKED)
                .extracting(event -> event.token().orElseThrow()).containsExactlyInAnyOrder(
                        granted.access().token().id(), granted.refresh().orElseThrow().token().id());
        assertThat(stateChanges()).containsExactlyInAnyOrderElementsOf(fixture.tokens.changes);
    }

    @Test
    void reEnablingAnAccountBringsNoTokenBack() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(ServiceFixture.byPassword(alice), Optional.empty(),
                Scopes.none());
        setEnabled(false);
        setEnabled(true);

        assertThat(fixture.services.authenticate().authenticate(
                new AuthenticateUseCase.PresentedToken(issued.credential())))
                .isInstanceOf(AuthenticateUseCase.Outcome.Refused.class);
    }

    private void setEnabled(boolean enabled) {
        fixture.services.changeAccount().change(ChangeAccountCommand.of(root, alice.username(),
                new AccountEdit.SetEnabled(enabled)));
    }

    private GrantTokensUseCase.Outcome.Granted passwordGrant() {
        return (GrantTokensUseCase.Outcome.Granted) grants.grant(new PasswordGrant("alice", "alice-password",
                ServiceFixture.ADDRESS, Optional.empty(), Optional.empty()));
    }

    private List<String> revocationReasons() {
        return fixture.events.recorded.stream().filter(event -> event.type() == AuditEventType.TOKEN_REVOKED)
                .map(AuditEvent::detail).toList();
    }

    /** The trail's entries that record a change of a token's state, in the store journal's form. */
    private List<String> stateChanges() {
        return fixture.events.all().stream().map(TokenLifecycleTest::asChange).flatMap(Optional::stream).toList();
    }

    private static Optional<String> asChange(AuditEvent event) {
        String verb = switch (event.type()) {
            case TOKEN_ISSUED -> "issued";
            case TOKEN_USED -> "used";
            case TOKEN_REVOKED, TOKEN_ROTATED -> "revoked";
            case TOKEN_REFRESHED -> "consumed";
            default -> null;
        };
        return Optional.ofNullable(verb).map(known -> known + " " + event.token().orElseThrow());
    }
}
