package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.TokenPolicy;
import java.util.OptionalInt;

/**
 * Which policy governs an account: its organization's if one is set, else the stored default, else the configured
 * one. Read on each issue, so that a policy set on one node holds on every node from its next request.
 */
final class Policies {

    private final LoadPolicyPort policies;
    private final TokenPolicy configured;
    private final int activeTokenCeiling;

    Policies(LoadPolicyPort policies, IssuancePolicy configured) {
        this.policies = policies;
        this.configured = TokenPolicy.of(configured);
        this.activeTokenCeiling = configured.maximumActiveTokensPerAccount();
    }

    /**
     * How many active personal tokens an account under {@code policy} may hold: the policy's limit, and never more
     * than the configured ceiling, which bounds what one account can store whatever its policy says.
     */
    OptionalInt activeTokenLimit(TokenPolicy policy) {
        return OptionalInt.of(Math.min(policy.maximumActiveTokens().orElse(Integer.MAX_VALUE), activeTokenCeiling));
    }

    TokenPolicy governing(Account account) {
        return account.organization()
                .flatMap(organization -> policies.load(new LoadPolicyPort.Scope.OfOrganization(organization)))
                .or(() -> policies.load(new LoadPolicyPort.Scope.Default()))
                .orElse(configured);
    }

    TokenPolicy configuredDefault() {
        return configured;
    }

    /** The policy in force for a scope: an organization without its own falls back to the default. */
    TokenPolicy inForce(LoadPolicyPort.Scope scope) {
        return policies.load(scope).or(() -> policies.load(new LoadPolicyPort.Scope.Default())).orElse(configured);
    }
}
