package dev.latchkey.application.port.in;

import dev.latchkey.application.port.out.LoadPolicyPort.Scope;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.Username;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Issuance policies, per organization and by default; administrators only. A proposed policy can be simulated first:
 * the active tokens it would break are listed, and nothing is enforced until it is set.
 */
public interface ManagePoliciesUseCase {

    /** The configured default, and every stored policy. */
    PolicyOverview list(Caller administrator);

    /** The policy in force for a scope: the one stored, or, for the default, the configured one. */
    TokenPolicy effective(Caller administrator, Scope scope);

    /** Stores the scope's policy, enforced from the next issuance on; answers it. */
    TokenPolicy set(Caller administrator, Scope scope, TokenPolicy policy);

    /** Removes the scope's policy, so that the next broader one applies; false if none was stored. */
    boolean remove(Caller administrator, Scope scope);

    /** Checks the active tokens the proposal would govern, and enforces nothing. */
    Simulation simulate(Caller administrator, Scope scope, TokenPolicy proposed);

    /** An active token a proposed policy would break, and which rule. */
    record Breach(TokenId token, AccountId account, Username username, TokenPolicy.Rule rule, String detail) {
        public Breach {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The configured default, and every stored policy. */
    record PolicyOverview(TokenPolicy configuredDefault, Map<Scope, TokenPolicy> stored) {
        public PolicyOverview {
            stored = Map.copyOf(stored);
        }
    }

    /** The tokens checked, and those that break the proposal; at most {@code MAXIMUM_BREACHES} are listed. */
    record Simulation(long tokensChecked, long breachCount, List<Breach> breaches) {
        public static final int MAXIMUM_BREACHES = 1000;

        public Simulation {
            breaches = List.copyOf(breaches);
        }
    }
}
