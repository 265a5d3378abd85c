package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.LifetimeRequest;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random policies and requests, no token made on any path exceeds the policy that governs its owner when it is
 * made: not its lifetime, not a scope, not the count of active tokens. The paths: the native issue (with and without
 * a lifetime, by password and by token), a platform's fixed lifetime, every grant of the token endpoint including
 * refresh and exchange of tokens made before the policy, and rotation.
 */
class PolicyOnEveryPathProperties {

    private static final List<String> SCOPES = List.of("read", "write", "deploy");
    private static final Organization ACME = Organization.of("Acme");
    private static final GrantPolicy GRANTS = GrantPolicy.standard(Lifetime.of(Duration.ofHours(1)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);

    enum Path { NATIVE, DELEGATE, PLATFORM_LIFETIME, PASSWORD_GRANT, REFRESH, EXCHANGE, ROTATION }

    record Request(Path path, Role role, Optional<Lifetime> lifetime, Scopes scopes, Duration overlap) {
    }

    @Property(tries = 300)
    void noTokenMadeOnAnyPathExceedsTheGoverningPolicy(@ForAll("policies") TokenPolicy policy,
                                                       @ForAll("requests") Request request) {
        ServiceFixture fixture = new ServiceFixture();
        Account account = fixture.account("kim", "kim's password", request.role())
                .withProfile(Optional.empty(), Optional.of(ACME), Optional.empty());
        fixture.accounts.update(account);
        Caller kim = ServiceFixture.byPassword(account);
        GrantTokensUseCase grants = fixture.services.grantTokens(GRANTS);
        // Made under the configured policy, which allows anything, before the organization's is set.
        Scopes everything = Scopes.of(SCOPES.toArray(String[]::new));
        IssueTokenUseCase.Outcome.Issued seed = fixture.issue(kim, Optional.of(Lifetime.never()), everything);
        GrantTokensUseCase.Outcome.Granted seedGrant = (GrantTokensUseCase.Outcome.Granted) grants.grant(
                new GrantTokensUseCase.PasswordGrant("kim", "kim's password", ServiceFixture.ADDRESS,
                        Optional.of(everything), Optional.empty()));
        Set<Object> before = Set.copyOf(fixture.tokens.loadMatching(Optional.empty(), TokenFilter.none(),
                ServiceFixture.START, 0, 1000).stream().map(Token::id).toList());

        fixture.policies.save(new LoadPolicyPort.Scope.OfOrganization(ACME), policy);
        fixture.clock.advance(Duration.ofSeconds(10));
        long activeBefore = fixture.tokens.countMatching(Optional.of(account.id()), TokenFilter.activePersonal(),
                fixture.clock.instant());
        IssueTokenUseCase issue = fixture.services.issueToken(ServiceFixture.POLICY);
        switch (request.path()) {
            case NATIVE -> issue.issue(new IssueTokenUseCase.IssueTokenCommand(kim, TokenDescription.none(),
                    request.scopes(), request.lifetime()));
            case DELEGATE -> issue.issue(new IssueTokenUseCase.IssueTokenCommand(fixture.byToken(seed),
                    TokenDescription.none(), request.scopes(), request.lifetime()));
            case PLATFORM_LIFETIME -> LatchkeyServices.issueTokenWithPassword(fixture.services.authenticate(), issue)
                    .issue(new IssueTokenWithPasswordUseCase.PasswordIssueCommand("kim", "kim's password",
                            ServiceFixture.ADDRESS, TokenDescription.of("sample"),
                            request.lifetime().orElse(Lifetime.of(Duration.ofDays(14))), true));
            case PASSWORD_GRANT -> grants.grant(new GrantTokensUseCase.PasswordGrant("kim", "kim's password",
                    ServiceFixture.ADDRESS, Optional.of(request.scopes()), Optional.empty()));
            case REFRESH -> grants.grant(new GrantTokensUseCase.RefreshGrant(
                    seedGrant.refresh().orElseThrow().credential(), Optional.of(request.scopes()), Optional.empty()));
            case EXCHANGE -> grants.grant(new GrantTokensUseCase.TokenExchangeGrant(seed.credential(),
                    Optional.of(request.scopes()), Optional.empty(), Optional.empty()));
            case ROTATION -> fixture.services.rotateToken(ServiceFixture.POLICY).rotate(
                    new RotateTokenUseCase.RotateTokenCommand(kim, seed.token().id(), request.overlap(),
                            Optional.empty()));
        }

        List<Token> made = fixture.tokens.loadMatching(Optional.empty(), TokenFilter.none(), fixture.clock.instant(),
                0, 1000).stream().filter(token -> !before.contains(token.id())).toList();
        for (Token token : made) {
            assertThat(policy.checkExisting(token, request.role())).as("%s made %s", request, token).isEmpty();
        }
        long newPersonal = made.stream().filter(token -> token.kind() == TokenKind.PERSONAL).count();
        if (newPersonal > 0 && policy.maximumActiveTokens().isPresent()) {
            long activeAfter = fixture.tokens.countMatching(Optional.of(account.id()), TokenFilter.activePersonal(),
                    fixture.clock.instant());
            assertThat(activeAfter).as("%s under a limit of %s", request, policy.maximumActiveTokens())
                    .isLessThanOrEqualTo(Math.max(activeBefore, policy.maximumActiveTokens().get()));
        }
    }

    @Provide
    Arbitrary<TokenPolicy> policies() {
        Arbitrary<Long> maximumSeconds = Arbitraries.longs().between(1, Duration.ofDays(400).toSeconds());
        Arbitrary<Set<Role>> neverExpiring = Arbitraries.of(Role.class).set();
        Arbitrary<Optional<Integer>> limit = Arbitraries.integers().between(1, 3).optional();
        Arbitrary<Optional<Scopes>> allowed = scopes().optional();
        return Combinators.combine(maximumSeconds, Arbitraries.doubles().between(0, 1), neverExpiring, limit, allowed)
                .as((maximum, defaultShare, roles, count, scopes) -> new TokenPolicy(
                        Lifetime.of(Duration.ofSeconds(Math.max(1, (long) (maximum * defaultShare)))),
                        Duration.ofSeconds(maximum), roles, count, scopes));
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Optional<Lifetime>> lifetime = Arbitraries.oneOf(
                Arbitraries.just(Optional.empty()), Arbitraries.just(Optional.of(Lifetime.never())),
                Arbitraries.longs().between(1, Duration.ofDays(500).toSeconds())
                        .map(seconds -> Optional.of(Lifetime.of(Duration.ofSeconds(seconds)))));
        Arbitrary<Duration> overlap = Arbitraries.of(Duration.ZERO, Duration.ofHours(1));
        return Combinators.combine(Arbitraries.of(Path.class), Arbitraries.of(Role.class), lifetime, scopes(), overlap)
                .as(Request::new);
    }

    private static Arbitrary<Scopes> scopes() {
        return Arbitraries.of(SCOPES).set().map(set -> set.isEmpty() ? Scopes.none()
                : Scopes.of(set.toArray(String[]::new)));
    }
}
