package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase.Introspector;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, hole 3: "active" means one thing on every path. Each reason a token can stop being active, crossed with
 * each path that can be asked about it: the token is active on that path before, and inactive after.
 */
class OneMeaningOfActiveTest {

    private static final Optional<OAuthClient> GATEWAY = Optional.of(ServiceFixture.passwordGateway("gateway"));

    private static final GrantPolicy GRANTS = GrantPolicy.standard(Lifetime.of(Duration.ofHours(1)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);
    private static final PartnerId ACME = new PartnerId(7);

    private final ServiceFixture fixture = new ServiceFixture();

    /** Makes a token, returns it with the change that ends its activity. */
    private record Case(String credential, Runnable deactivate, boolean authenticates) {
    }

    enum Reason {
        EXPIRED, REVOKED, ACCOUNT_DISABLED, ROLE_LOST, AGREEMENTS_UNSIGNED, GRANT_REVOKED, REFRESH_SPENT
    }

    enum Path {
        AUTHENTICATION, INTROSPECTION, INTROSPECTION_PEEK, TOKEN_INFO
    }

    static Stream<Arguments> everyReasonOnEveryPath() {
        return Stream.of(Reason.values()).flatMap(reason -> Stream.of(Path.values())
                .map(path -> Arguments.of(reason, path)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("everyReasonOnEveryPath")
    void aTokenThatStoppedBeingActiveIsInactiveOnEveryPath(Reason reason, Path path) {
        Case tokenCase = make(reason);
        Function<String, Boolean> active = activeOn(path);
        if (path == Path.AUTHENTICATION && !tokenCase.authenticates()) {
            return; // a refresh token never authenticates a call, active or not
        }
        assertThat(active.apply(tokenCase.credential())).as("active before").isTrue();

        tokenCase.deactivate().run();

        assertThat(active.apply(tokenCase.credential())).as("inactive after").isFalse();
    }

    private Case make(Reason reason) {
        return switch (reason) {
            case EXPIRED -> {
                Account owner = fixture.account("expiring", "expiring-password");
                String credential = issue(owner, Lifetime.fromSeconds(60), Scopes.of("read"));
                yield new Case(credential, () -> fixture.clock.advance(Duration.ofSeconds(61)), true);
            }
            case REVOKED -> {
                Account owner = fixture.account("revoking", "revoking-password");
                String credential = issue(owner, Lifetime.fromSeconds(3600), Scopes.of("read"));
                yield new Case(credential, () -> fixture.services.revokeToken().revokePresented(
                        new RevokeTokenUseCase.RevokePresentedCommand(credential)), true);
            }
            case ACCOUNT_DISABLED -> {
                Account owner = fixture.account("leaving", "leaving-password");
                String credential = issue(owner, Lifetime.fromSeconds(3600), Scopes.of("read"));
                yield new Case(credential, () -> fixture.accounts.update(owner.withEnabled(false)), true);
            }
            case ROLE_LOST -> {
                Account owner = fixture.account("former-admin", "former-admin-password", Role.ADMIN);
                String credential = issue(owner, Lifetime.fromSeconds(3600), Scopes.of(Scopes.INTROSPECT));
                yield new Case(credential, () -> fixture.accounts.update(owner.withRole(Role.USER)), true);
            }
            case AGREEMENTS_UNSIGNED -> {
                Partner acme = new Partner(ACME, "Acme", true, ServiceFixture.START);
                fixture.partners.saveNew(acme);
                Account owner = fixture.account("acme-user", "acme-user-password")
                        .withProfile(Optional.empty(), Optional.empty(), Optional.of(ACME));
                fixture.accounts.update(owner);
                String credential = issue(owner, Lifetime.fromSeconds(3600), Scopes.of(Scopes.partner(ACME)));
                yield new Case(credential, () -> fixture.partners.update(acme.withAgreementsSigned(false)), true);
            }
            case GRANT_REVOKED -> {
                GrantTokensUseCase.Outcome.Granted granted = grant("granted");
                yield new Case(granted.access().credential(), () -> fixture.services.revokeToken().revokePresented(
                        new RevokeTokenUseCase.RevokePresentedCommand(granted.refresh().orElseThrow().credential())), true);
            }
            case REFRESH_SPENT -> {
                GrantTokensUseCase.Outcome.Granted granted = grant("refreshing");
                yield new Case(granted.refresh().orElseThrow().credential(), () -> fixture.services.grantTokens(GRANTS).grant(
                        new GrantTokensUseCase.RefreshGrant(granted.refresh().orElseThrow().credential(), Optional.empty(),
                                GATEWAY)), false);
            }
        };
    }

    private Function<String, Boolean> activeOn(Path path) {
        return switch (path) {
            case AUTHENTICATION -> credential -> fixture.services.authenticate()
                    .authenticate(new AuthenticateUseCase.PresentedToken(credential))
                    instanceof AuthenticateUseCase.Outcome.Authenticated;
            case INTROSPECTION, INTROSPECTION_PEEK -> credential -> fixture.services.introspectToken().introspect(
                    new IntrospectTokenUseCase.IntrospectionQuery(new Introspector.Client(ClientId.of("gateway")),
                            credential, path == Path.INTROSPECTION_PEEK))
                    instanceof IntrospectTokenUseCase.Outcome.Active;
            case TOKEN_INFO -> credential -> fixture.services.inspectToken().inspectPresented(
                    new InspectTokenUseCase.InspectPresentedQuery(ownerOf(credential), credential))
                    instanceof InspectTokenUseCase.PresentedOutcome.Found;
        };
    }

    /** The token-info call is made by an account of the owner's organization; here, the owner itself. */
    private dev.latchkey.application.port.in.Caller ownerOf(String credential) {
        return fixture.tokens.loadBySecretHash(dev.latchkey.domain.SecretHash.of(credential))
                .flatMap(token -> fixture.accounts.loadById(token.owner()))
                .map(ServiceFixture::byPassword).orElseThrow();
    }

    private String issue(Account owner, Lifetime lifetime, Scopes scopes) {
        return fixture.issue(ServiceFixture.byPassword(owner), Optional.of(lifetime), scopes).credential();
    }

    private GrantTokensUseCase.Outcome.Granted grant(String username) {
        fixture.account(username, username + "-password");
        return (GrantTokensUseCase.Outcome.Granted) fixture.services.grantTokens(GRANTS).grant(
                new GrantTokensUseCase.PasswordGrant(username, username + "-password", ServiceFixture.ADDRESS, Optional.empty(),
                        GATEWAY));
    }
}
