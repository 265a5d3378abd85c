package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase.IssueTokenCommand;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.out.LoadPolicyPort.Scope;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.TokenPolicy.Rule;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Organization policies with a default: enforced on issue, named when broken, and simulated before they are set. */
class PoliciesTest {

    private static final Organization BLUE = Organization.of("Blue");
    private static final Scope BLUE_SCOPE = new Scope.OfOrganization(BLUE);
    private static final TokenPolicy STRICT = new TokenPolicy(Lifetime.of(Duration.ofDays(7)), Duration.ofDays(30),
            Set.of(Role.ADMIN), Optional.of(2), Optional.of(Scopes.of("read")));

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final Caller blue = ServiceFixture.byPassword(member("bea", BLUE));
    private final Caller outsider = ServiceFixture.byPassword(member("oli", Organization.of("Green")));
    private final ManagePoliciesUseCase policies = fixture.services.managePolicies();
    private final IssueTokenUseCase issue = fixture.services.issueToken(ServiceFixture.POLICY);

    @Test
    void anOrganizationsPolicyGovernsItsAccountsAndNamesTheBrokenRule() {
        policies.set(root, BLUE_SCOPE, STRICT);

        assertThat(rule(issue(blue, Optional.of(Lifetime.never()), Scopes.none()))).contains(Rule.NEVER_EXPIRING);
        assertThat(rule(issue(blue, Optional.of(Lifetime.of(Duration.ofDays(31))), Scopes.none())))
                .contains(Rule.MAXIMUM_LIFETIME);
        assertThat(rule(issue(blue, Optional.empty(), Scopes.of("write")))).contains(Rule.ALLOWED_SCOPES);
        IssueTokenUseCase.Outcome.Issued first = (IssueTokenUseCase.Outcome.Issued) issue(blue, Optional.empty(),
                Scopes.of("read"));
        assertThat(first.token().expiry().instant()).contains(first.token().createdAt().plus(Duration.ofDays(7)));
        issue(blue, Optional.empty(), Scopes.none());
        assertThat(rule(issue(blue, Optional.empty(), Scopes.none()))).contains(Rule.MAXIMUM_ACTIVE_TOKENS);
        assertThat(issue(outsider, Optional.of(Lifetime.never()), Scopes.of("write")))
                .as("another organization keeps the default").isInstanceOf(IssueTokenUseCase.Outcome.Issued.class);
        assertThat(fixture.events.recordedTypes()).contains(AuditEventType.POLICY_CHANGED);
    }

    @Test
    void aFormAsksForThePolicyThatGovernsTheIssuerBeforeIssuing() {
        policies.set(root, BLUE_SCOPE, STRICT);

        assertThat(issue.policyFor(blue)).isEqualTo(STRICT);
        assertThat(issue.policyFor(outsider)).isEqualTo(TokenPolicy.of(ServiceFixture.POLICY));
    }

    @Test
    void theStoredDefaultGovernsAccountsWithoutAnOrganizationPolicyAndRemovingItRestoresTheConfiguredOne() {
        policies.set(root, new Scope.Default(), STRICT);
        assertThat(rule(issue(outsider, Optional.of(Lifetime.never()), Scopes.none())))
                .contains(Rule.NEVER_EXPIRING);

        assertThat(policies.remove(root, new Scope.Default())).isTrue();
        assertThat(policies.remove(root, new Scope.Default())).isFalse();
        assertThat(issue(outsider, Optional.of(Lifetime.never()), Scopes.none()))
                .isInstanceOf(IssueTokenUseCase.Outcome.Issued.class);
    }

    @Test
    void aSimulationListsTheActiveTokensAProposalWouldBreakAndEnforcesNothing() {
        issue(blue, Optional.of(Lifetime.never()), Scopes.none());
        issue(blue, Optional.of(Lifetime.of(Duration.ofDays(5))), Scopes.of("read"));
        issue(blue, Optional.of(Lifetime.of(Duration.ofDays(5))), Scopes.of("write"));
        issue(outsider, Optional.of(Lifetime.never()), Scopes.none());

        ManagePoliciesUseCase.Simulation simulated = policies.simulate(root, BLUE_SCOPE, STRICT);

        assertThat(simulated.tokensChecked()).isEqualTo(3);
        assertThat(simulated.breaches()).extracting(ManagePoliciesUseCase.Breach::rule)
                .containsExactlyInAnyOrder(Rule.NEVER_EXPIRING, Rule.ALLOWED_SCOPES);
        assertThat(simulated.breaches()).allSatisfy(breach -> assertThat(breach.username().value()).isEqualTo("bea"));
        assertThat(policies.list(root).stored()).isEmpty();
        TokenPolicy oneToken = new TokenPolicy(Lifetime.of(Duration.ofDays(7)), Duration.ofDays(3650),
                Set.of(Role.USER, Role.ADMIN), Optional.of(1), Optional.empty());
        ManagePoliciesUseCase.Simulation counted = policies.simulate(root, BLUE_SCOPE, oneToken);
        assertThat(counted.breaches()).extracting(ManagePoliciesUseCase.Breach::rule)
                .containsExactly(Rule.MAXIMUM_ACTIVE_TOKENS, Rule.MAXIMUM_ACTIVE_TOKENS);
        assertThatThrownBy(() -> policies.simulate(blue, BLUE_SCOPE, STRICT))
                .isInstanceOf(dev.latchkey.application.port.in.NotAnAdministratorException.class);
    }

    private IssueTokenUseCase.Outcome issue(Caller caller, Optional<Lifetime> lifetime, Scopes scopes) {
        fixture.clock.advance(Duration.ofSeconds(1));
        return issue.issue(new IssueTokenCommand(caller, TokenDescription.of("t"), scopes, lifetime));
    }

    private static Optional<Rule> rule(IssueTokenUseCase.Outcome outcome) {
        return outcome instanceof IssueTokenUseCase.Outcome.PolicyViolated violated
                ? Optional.of(violated.violation().rule()) : Optional.empty();
    }

    private Account member(String username, Organization organization) {
        Account account = fixture.account(username, username + "-password");
        fixture.services.changeAccount().change(ChangeAccountUseCase.ChangeAccountCommand.of(Caller.operator(),
                account.username(), new ChangeAccountUseCase.AccountEdit.SetOrganization(Optional.of(organization))));
        return fixture.accounts.loadById(account.id()).orElseThrow();
    }
}
