package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.application.port.out.LoadPolicyPort.Scope;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SavePolicyPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.TokenPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ManagePoliciesService implements ManagePoliciesUseCase {

    private static final int PAGE = 500;

    private final Policies policies;
    private final LoadPolicyPort stored;
    private final SavePolicyPort saves;
    private final LoadAccountPort accounts;
    private final LoadTokenPort tokens;
    private final RecordAuditEventPort audit;
    private final TransactionPort transactions;
    private final Clock clock;

    ManagePoliciesService(Policies policies, LoadPolicyPort stored, SavePolicyPort saves, LoadAccountPort accounts,
                          LoadTokenPort tokens, RecordAuditEventPort audit, TransactionPort transactions,
                          Clock clock) {
        this.policies = policies;
        this.stored = stored;
        this.saves = saves;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public PolicyOverview list(Caller administrator) {
        administrator.requireAdministrator();
        return new PolicyOverview(policies.configuredDefault(), stored.loadAll());
    }

    @Override
    public TokenPolicy effective(Caller administrator, Scope scope) {
        administrator.requireAdministrator();
        return policies.inForce(scope);
    }

    @Override
    public TokenPolicy set(Caller administrator, Scope scope, TokenPolicy policy) {
        administrator.requireAdministrator();
        transactions.inTransaction(() -> {
            saves.save(scope, policy);
            record(administrator, scope, "set " + describe(policy));
            return null;
        });
        return policy;
    }

    @Override
    public boolean remove(Caller administrator, Scope scope) {
        administrator.requireAdministrator();
        boolean removed = transactions.inTransaction(() -> {
            boolean existed = saves.remove(scope);
            if (existed) {
                record(administrator, scope, "removed");
            }
            return existed;
        });
        return removed;
    }

    /**
     * Checks every active personal token the proposal would govern: an organization's accounts' tokens, or, for the
     * default, those of every account whose organization has no policy of its own.
     */
    @Override
    public Simulation simulate(Caller administrator, Scope scope, TokenPolicy proposed) {
        administrator.requireAdministrator();
        Instant now = clock.instant();
        AccountFilter governed = scope instanceof Scope.OfOrganization organization
                ? new AccountFilter(Optional.of(organization.organization()), Optional.empty(), Optional.empty(),
                Optional.empty())
                : AccountFilter.none();
        Map<Scope, TokenPolicy> own = stored.loadAll();
        long checked = 0;
        long breachCount = 0;
        List<Breach> breaches = new ArrayList<>();
        for (long offset = 0; ; offset += PAGE) {
            List<Account> page = accounts.loadMatching(governed, offset, PAGE);
            for (Account account : page) {
                if (scope instanceof Scope.Default && account.organization()
                        .filter(organization -> own.containsKey(new Scope.OfOrganization(organization))).isPresent()) {
                    continue;
                }
                List<Token> active = tokens.loadMatching(Optional.of(account.id()), TokenFilter.activePersonal(),
                        now, 0, Integer.MAX_VALUE);
                checked += active.size();
                long excess = proposed.excessOf(active.size());
                for (int index = 0; index < active.size(); index++) {
                    Token token = active.get(index);
                    // Newest first: the oldest tokens beyond the limit are the ones that break it.
                    Optional<TokenPolicy.Violation> violation = proposed.checkExisting(token, account.role());
                    if (violation.isEmpty() && index >= active.size() - excess) {
                        violation = Optional.of(new TokenPolicy.Violation(TokenPolicy.Rule.MAXIMUM_ACTIVE_TOKENS,
                                "the account holds " + active.size() + " active tokens, more than "
                                        + proposed.maximumActiveTokens().orElseThrow()));
                    }
                    if (violation.isPresent()) {
                        breachCount++;
                        if (breaches.size() < Simulation.MAXIMUM_BREACHES) {
                            breaches.add(new Breach(token.id(), account.id(), account.username(),
                                    violation.get().rule(), violation.get().detail()));
                        }
                    }
                }
            }
            if (page.size() < PAGE) {
                return new Simulation(checked, breachCount, breaches);
            }
        }
    }

    private void record(Caller administrator, Scope scope, String change) {
        audit.record(AuditEvent.of(clock.instant(), AuditEventType.POLICY_CHANGED, administrator.actor(),
                Optional.empty(), Optional.empty(), "scope=" + name(scope) + " " + change));
    }

    private static String name(Scope scope) {
        return scope instanceof Scope.OfOrganization organization
                ? "organization:" + organization.organization().name() : "default";
    }

    private static String describe(TokenPolicy policy) {
        return "defaultLifetime=" + policy.defaultLifetime().toSeconds() + "s maximumLifetime="
                + policy.maximumLifetime().getSeconds() + "s neverExpiringRoles=" + policy.neverExpiringRoles()
                + " maximumActiveTokens=" + policy.maximumActiveTokens().map(String::valueOf).orElse("none")
                + " allowedScopes=" + policy.allowedScopes().map(scopes -> scopes.asSpaceDelimited()).orElse("any");
    }

}
