package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.Outcome;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase.RegisterClientCommand;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SignInSettings;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Registered clients at the use-case level: service accounts, public clients, grants per client, token exchange. */
class OAuthClientsServiceTest {

    private static final GrantPolicy POLICY = GrantPolicy.standard(Lifetime.of(Duration.ofMinutes(5)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);

    private final ServiceFixture fixture = new ServiceFixture();
    private final GrantTokensUseCase grants = fixture.services.grantTokens(POLICY);
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final Account alice = fixture.account("alice", "alice-password");

    private RegisterClientUseCase.Outcome.Registered register(ClientType type, EnumSet<GrantType> grantTypes,
                                                              Optional<Scopes> scopes) {
        return (RegisterClientUseCase.Outcome.Registered) fixture.services.registerClient().register(
                new RegisterClientCommand(root, "client", type, Optional.of(grantTypes), scopes));
    }

    private OAuthClient service(String... scopes) {
        return register(ClientType.CONFIDENTIAL, EnumSet.of(GrantType.CLIENT_CREDENTIALS),
                Optional.of(Scopes.of(scopes))).client();
    }

    @Test
    void aServiceClientGetsAServiceAccountThatNoPasswordOpens() {
        OAuthClient client = service("reports:read");

        Account account = fixture.accounts.loadById(client.serviceAccount().orElseThrow()).orElseThrow();
        assertThat(account.id().value()).hasToString(client.id().value());
        assertThat(account.username()).isEqualTo(client.serviceAccountUsername());
        assertThat(account.role()).isEqualTo(Role.USER);
        assertThat(fixture.services.authenticate().authenticate(new AuthenticateUseCase.PasswordCredentials(
                account.username().value(), "", ServiceFixture.ADDRESS)))
                .isInstanceOf(AuthenticateUseCase.Outcome.Refused.class);
    }

    @Test
    void clientCredentialsIssueOneAccessTokenOwnedByTheServiceAccountWithinItsScopes() {
        OAuthClient client = service("reports:read", "reports:write");

        Outcome.Granted granted = (Outcome.Granted) grants.grant(
                new GrantTokensUseCase.ClientCredentialsGrant(client, Optional.empty()));

        Token token = granted.access().token();
        assertThat(granted.refresh()).isEmpty();
        assertThat(token.owner()).isEqualTo(client.serviceAccount().orElseThrow());
        assertThat(token.client()).contains(client.id());
        assertThat(token.scopes()).isEqualTo(Scopes.of("reports:read", "reports:write"));
        assertThat(token.expiry()).isEqualTo(Expiry.at(fixture.clock.instant().plus(Duration.ofMinutes(5))));
        assertThat(grants.grant(new GrantTokensUseCase.ClientCredentialsGrant(client,
                Optional.of(Scopes.of("reports:delete"))))).isInstanceOf(Outcome.InvalidScope.class);
    }

    @Test
    void aClientUsesOnlyTheGrantsRegisteredForIt() {
        OAuthClient serviceOnly = service();
        OAuthClient passwordOnly = register(ClientType.CONFIDENTIAL, EnumSet.of(GrantType.PASSWORD),
                Optional.empty()).client();

        assertThat(grants.grant(new GrantTokensUseCase.PasswordGrant("alice", "alice-password",
                ServiceFixture.ADDRESS, Optional.empty(), Optional.of(serviceOnly))))
                .isInstanceOf(Outcome.UnauthorizedClient.class);
        assertThat(grants.grant(new GrantTokensUseCase.ClientCredentialsGrant(passwordOnly, Optional.empty())))
                .as("no service account, no client credentials").isInstanceOf(Outcome.UnauthorizedClient.class);
        Outcome.Granted pair = (Outcome.Granted) grants.grant(new GrantTokensUseCase.PasswordGrant("alice",
                "alice-password", ServiceFixture.ADDRESS, Optional.empty(), Optional.of(passwordOnly)));
        assertThat(grants.grant(new GrantTokensUseCase.RefreshGrant(pair.refresh().orElseThrow().credential(),
                Optional.empty(), Optional.of(passwordOnly)))).isInstanceOf(Outcome.UnauthorizedClient.class);
    }

    @Test
    void aClientLimitedToScopesCannotGetOthersForAnAccount() {
        OAuthClient limited = register(ClientType.PUBLIC, EnumSet.of(GrantType.PASSWORD),
                Optional.of(Scopes.of("read"))).client();

        assertThat(grants.grant(new GrantTokensUseCase.PasswordGrant("alice", "alice-password",
                ServiceFixture.ADDRESS, Optional.of(Scopes.of("read", "write")), Optional.of(limited))))
                .isInstanceOf(Outcome.InvalidScope.class);
        assertThat(grants.grant(new GrantTokensUseCase.PasswordGrant("alice", "alice-password",
                ServiceFixture.ADDRESS, Optional.of(Scopes.of("read")), Optional.of(limited))))
                .isInstanceOf(Outcome.Granted.class);
    }

    @Test
    void aPublicClientIsIdentifiedByItsIdAloneAndAConfidentialOneNever() {
        RegisterClientUseCase.Outcome.Registered app = register(ClientType.PUBLIC,
                EnumSet.of(GrantType.PASSWORD, GrantType.REFRESH_TOKEN), Optional.empty());
        RegisterClientUseCase.Outcome.Registered gateway = register(ClientType.CONFIDENTIAL,
                EnumSet.of(GrantType.PASSWORD), Optional.empty());
        AuthenticateClientUseCase authenticate = fixture.services.authenticateClient();

        assertThat(app.secret()).isEmpty();
        assertThat(authenticate.identifyPublic(app.client().id().value()))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Authenticated.class);
        assertThat(authenticate.identifyPublic(gateway.client().id().value()))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Refused.class);
        assertThat(authenticate.identifyPublic("no-such-client"))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Refused.class);
    }

    @Test
    void aPublicClientRevokesOnlyTokensIssuedToIt() {
        OAuthClient app = register(ClientType.PUBLIC, EnumSet.of(GrantType.PASSWORD), Optional.empty()).client();
        OAuthClient other = register(ClientType.PUBLIC, EnumSet.of(GrantType.PASSWORD), Optional.empty()).client();
        String credential = ((Outcome.Granted) grants.grant(new GrantTokensUseCase.PasswordGrant("alice",
                "alice-password", ServiceFixture.ADDRESS, Optional.empty(), Optional.of(app)))).access().credential();
        RevokeTokenUseCase revoke = fixture.services.revokeToken();

        assertThat(revoke.revokePresented(new RevokeTokenUseCase.RevokePresentedCommand(credential,
                Optional.of(other.id())))).isInstanceOf(RevokeTokenUseCase.PresentedOutcome.IssuedToAnotherClient.class);
        assertThat(revoke.revokePresented(new RevokeTokenUseCase.RevokePresentedCommand(credential,
                Optional.of(app.id())))).isInstanceOf(RevokeTokenUseCase.PresentedOutcome.Revoked.class);
    }

    @Test
    void disablingAClientRevokesItsTokensAndItsServiceAccount() {
        OAuthClient client = service("reports:read");
        Token own = ((Outcome.Granted) grants.grant(new GrantTokensUseCase.ClientCredentialsGrant(client,
                Optional.empty()))).access().token();
        AdministerClientsUseCase administer = fixture.services.administerClients();

        assertThatThrownBy(() -> administer.setEnabled(ServiceFixture.byPassword(alice), client.id(), false))
                .as("administrators only").isInstanceOf(NotAnAdministratorException.class);
        assertThat(administer.setEnabled(root, client.id(), false)).map(OAuthClient::enabled).contains(false);

        Token stored = fixture.tokens.loadById(own.id()).orElseThrow();
        assertThat(stored.statusAt(fixture.clock.instant())).isInstanceOf(TokenStatus.Revoked.class);
        assertThat(stored.revocation().orElseThrow().reason()).isEqualTo(RevocationReason.CLIENT_DISABLED);
        assertThat(fixture.accounts.loadById(client.serviceAccount().orElseThrow()).orElseThrow().enabled()).isFalse();
        assertThat(fixture.services.authenticateClient().authenticate(
                new AuthenticateClientUseCase.ClientCredentials(client.id().value(), "lkc_anything")))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Refused.class);
    }

    @Test
    void anAdministratorChangesHowAClientSignsPeopleInAndEachSettingLeftOutStays() {
        OAuthClient web = register(ClientType.CONFIDENTIAL, EnumSet.of(GrantType.AUTHORIZATION_CODE),
                Optional.empty()).client();
        AdministerClientsUseCase administer = fixture.services.administerClients();
        AdministerClientsUseCase.SignInChange firstParty = new AdministerClientsUseCase.SignInChange(
                Optional.of(List.of(RedirectUri.parse("https://app.example/cb"))), Optional.empty(), Optional.of(true));

        assertThatThrownBy(() -> administer.changeSignIn(ServiceFixture.byPassword(alice), web.id(), firstParty))
                .isInstanceOf(NotAnAdministratorException.class);
        OAuthClient changed = administer.changeSignIn(root, web.id(), firstParty).orElseThrow();

        assertThat(changed.signIn()).isEqualTo(new SignInSettings(List.of(RedirectUri.parse("https://app.example/cb")),
                false, true));
        assertThat(fixture.clients.loadById(web.id()).orElseThrow().signIn()).isEqualTo(changed.signIn());
        assertThat(fixture.events.recorded).last().satisfies(event -> assertThat(event.detail()).isEqualTo(
                "client=" + web.id().value() + " redirect-uris=1 pushed-requests-required=false consent-skipped=true"));
        int events = fixture.events.recorded.size();
        administer.changeSignIn(root, web.id(), new AdministerClientsUseCase.SignInChange(Optional.empty(),
                Optional.of(false), Optional.empty()));
        assertThat(fixture.events.recorded).as("nothing changed, nothing recorded").hasSize(events);
        assertThat(administer.changeSignIn(root, ClientId.of("nobody"), firstParty)).isEmpty();
    }

    private static final KeySettings SIGNS = new KeySettings(Optional.of(new ClientKeys.Listed(
            "{\"keys\":[{\"kty\":\"EC\"}]}")), false);

    @Test
    void aClientRegisteredWithKeysGetsNoSecretAndIsIdentifiedOnlyToCheckItsAssertions() {
        RegisterClientUseCase.Outcome.Registered signer = (RegisterClientUseCase.Outcome.Registered)
                fixture.services.registerClient().register(new RegisterClientCommand(root, "signer",
                        ClientType.CONFIDENTIAL, Optional.of(EnumSet.of(GrantType.CLIENT_CREDENTIALS)),
                        Optional.of(Scopes.of("reports:read")), SignInSettings.none(), SIGNS));
        OAuthClient withSecret = service("reports:read");
        AuthenticateClientUseCase authenticate = fixture.services.authenticateClient();

        assertThat(signer.secret()).isEmpty();
        assertThat(signer.client().secretHash()).isEmpty();
        assertThat(fixture.events.recorded).anySatisfy(event -> assertThat(event.detail()).isEqualTo("client="
                + signer.client().id().value() + " type=CONFIDENTIAL grants=[CLIENT_CREDENTIALS] keys=jwks"));
        assertThat(authenticate.identifySigning(signer.client().id().value()))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Authenticated.class);
        assertThat(authenticate.identifySigning(withSecret.id().value()))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Refused.class);
        assertThat(authenticate.identifyPublic(signer.client().id().value()))
                .as("an id alone never stands for a client that signs").isInstanceOf(
                        AuthenticateClientUseCase.Outcome.Refused.class);
        fixture.services.administerClients().setEnabled(root, signer.client().id(), false);
        assertThat(authenticate.identifySigning(signer.client().id().value()))
                .isInstanceOf(AuthenticateClientUseCase.Outcome.Refused.class);
        assertThat(fixture.services.registerClient().register(new RegisterClientCommand(root, "app",
                ClientType.PUBLIC, Optional.empty(), Optional.empty(), SignInSettings.none(), SIGNS)))
                .isInstanceOfSatisfying(RegisterClientUseCase.Outcome.Refused.class, refused ->
                        assertThat(refused.field()).isEqualTo("keys"));
    }

    @Test
    void aClientsKeysAreReplacedByAnAdministratorAuditedAndAnAssertionIsUsedOnce() {
        OAuthClient signer = ((RegisterClientUseCase.Outcome.Registered) fixture.services.registerClient().register(
                new RegisterClientCommand(root, "signer", ClientType.CONFIDENTIAL, Optional.empty(), Optional.empty(),
                        SignInSettings.none(), SIGNS))).client();
        AdministerClientsUseCase administer = fixture.services.administerClients();
        AdministerClientsUseCase.KeyChange published = new AdministerClientsUseCase.KeyChange(Optional.of(
                ClientKeys.Published.parse("https://keys.example/jwks")), Optional.of(true));

        assertThatThrownBy(() -> administer.changeKeys(ServiceFixture.byPassword(alice), signer.id(), published))
                .isInstanceOf(NotAnAdministratorException.class);
        OAuthClient changed = administer.changeKeys(root, signer.id(), published).orElseThrow();

        assertThat(changed.requiresDpop()).isTrue();
        assertThat(fixture.clients.loadById(signer.id()).orElseThrow().keySettings())
                .isEqualTo(changed.keySettings());
        assertThat(fixture.events.recorded).last().satisfies(event -> assertThat(event.detail()).isEqualTo(
                "client=" + signer.id().value() + " keys=jwks_uri dpop-bound-access-tokens=true"));
        OAuthClient withSecret = service();
        assertThatThrownBy(() -> administer.changeKeys(root, withSecret.id(), published))
                .isInstanceOf(dev.latchkey.domain.InvalidValueException.class);

        java.time.Instant until = fixture.clock.instant().plusSeconds(300);
        assertThat(fixture.services.singleUseProofs().firstUse(signer.id(), "assertion-1", until)).isTrue();
        assertThat(fixture.services.singleUseProofs().firstUse(signer.id(), "assertion-1", until)).isFalse();
        assertThat(fixture.services.singleUseProofs().firstUse(withSecret.id(), "assertion-1", until))
                .as("another client's identifiers are its own").isTrue();
    }

    @Test
    void administratorsSeeAndRevokeOnlyAServicesOwnTokens() {
        OAuthClient client = service();
        Token own = ((Outcome.Granted) grants.grant(new GrantTokensUseCase.ClientCredentialsGrant(client,
                Optional.empty()))).access().token();
        Token alices = fixture.issue(ServiceFixture.byPassword(alice), Optional.empty(), Scopes.none()).token();
        AdministerClientsUseCase administer = fixture.services.administerClients();

        assertThat(administer.serviceAccountTokens(root, client.id(), 0, 10).orElseThrow().totalTokens())
                .isEqualTo(1);
        assertThat(administer.revokeServiceAccountToken(root, client.id(), alices.id())).isFalse();
        assertThatThrownBy(() -> administer.revokeServiceAccountToken(ServiceFixture.byPassword(alice), client.id(),
                own.id())).isInstanceOf(NotAnAdministratorException.class);
        assertThat(administer.revokeServiceAccountToken(root, client.id(), own.id())).isTrue();
        assertThat(fixture.tokens.loadById(own.id()).orElseThrow().statusAt(fixture.clock.instant()))
                .isInstanceOf(TokenStatus.Revoked.class);
    }

    @Test
    void registrationRefusesScopesNoServiceAccountMayHold() {
        assertThat(fixture.services.registerClient().register(new RegisterClientCommand(root, "x",
                ClientType.CONFIDENTIAL, Optional.of(EnumSet.of(GrantType.CLIENT_CREDENTIALS)),
                Optional.of(Scopes.of(Scopes.INTROSPECT))))).isInstanceOf(RegisterClientUseCase.Outcome.Refused.class);
        assertThat(fixture.services.registerClient().register(new RegisterClientCommand(root, "x",
                ClientType.PUBLIC, Optional.of(EnumSet.of(GrantType.CLIENT_CREDENTIALS)), Optional.empty())))
                .isInstanceOf(RegisterClientUseCase.Outcome.Refused.class);
        assertThat(fixture.clients.listAll()).isEmpty();
    }

    @Test
    void anExchangeNarrowsScopesExpiryAndAudienceAndJoinsTheSubjectsGrant() {
        Outcome.Granted subject = (Outcome.Granted) grants.grant(new GrantTokensUseCase.PasswordGrant("alice",
                "alice-password", ServiceFixture.ADDRESS, Optional.of(Scopes.of("read", "write")), Optional.empty()));
        fixture.clock.advance(Duration.ofMinutes(2));

        Outcome.Granted exchanged = (Outcome.Granted) grants.grant(new GrantTokensUseCase.TokenExchangeGrant(
                subject.access().credential(), Optional.of(Scopes.of("read")),
                Optional.of(Audience.of("https://reports.example")), Optional.empty()));

        Token token = exchanged.access().token();
        assertThat(token.scopes()).isEqualTo(Scopes.of("read"));
        assertThat(token.audience()).contains(Audience.of("https://reports.example"));
        assertThat(token.expiry()).as("no later than the subject's").isEqualTo(subject.access().token().expiry());
        assertThat(token.grant()).isEqualTo(subject.access().token().grant());
        assertThat(exchanged.refresh()).isEmpty();

        assertThat(grants.grant(new GrantTokensUseCase.TokenExchangeGrant(subject.access().credential(),
                Optional.of(Scopes.of("admin")), Optional.empty(), Optional.empty())))
                .isInstanceOf(Outcome.InvalidScope.class);
        assertThat(grants.grant(new GrantTokensUseCase.TokenExchangeGrant(exchanged.access().credential(),
                Optional.empty(), Optional.of(Audience.of("https://billing.example")), Optional.empty())))
                .isInstanceOf(Outcome.InvalidTarget.class);
        assertThat(grants.grant(new GrantTokensUseCase.TokenExchangeGrant(
                subject.refresh().orElseThrow().credential(), Optional.empty(), Optional.empty(), Optional.empty())))
                .as("a refresh token is not exchanged").isInstanceOf(Outcome.InvalidGrant.class);
    }

    @Test
    void anExpiredOrRevokedSubjectIsNotExchanged() {
        String expiring = fixture.issue(ServiceFixture.byPassword(alice), Optional.of(Lifetime.fromSeconds(60)),
                Scopes.none()).credential();
        String revoked = fixture.issue(ServiceFixture.byPassword(alice), Optional.empty(), Scopes.none()).credential();
        fixture.services.revokeToken().revokePresented(new RevokeTokenUseCase.RevokePresentedCommand(revoked));
        fixture.clock.advance(Duration.ofSeconds(60));

        assertThat(grants.grant(new GrantTokensUseCase.TokenExchangeGrant(expiring, Optional.empty(),
                Optional.empty(), Optional.empty()))).isEqualTo(new Outcome.InvalidGrant(
                GrantTokensUseCase.Cause.EXPIRED, "The subject token is invalid, expired or revoked."));
        assertThat(grants.grant(new GrantTokensUseCase.TokenExchangeGrant(revoked, Optional.empty(),
                Optional.empty(), Optional.empty()))).isEqualTo(new Outcome.InvalidGrant(
                GrantTokensUseCase.Cause.REVOKED, "The subject token is invalid, expired or revoked."));
    }

    @Test
    void anExchangedNeverExpiringTokenGetsTheAccessTokenLifetime() {
        String forever = fixture.issue(ServiceFixture.byPassword(alice), Optional.of(Lifetime.never()),
                Scopes.none()).credential();

        Token token = ((Outcome.Granted) grants.grant(new GrantTokensUseCase.TokenExchangeGrant(forever,
                Optional.empty(), Optional.empty(), Optional.empty()))).access().token();

        assertThat(token.expiry()).isEqualTo(Expiry.at(fixture.clock.instant().plus(Duration.ofMinutes(5))));
    }
}
