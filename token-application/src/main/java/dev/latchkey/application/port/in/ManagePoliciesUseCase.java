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

    Outcome list(Caller administrator);

    /** The policy in force for a scope: the one stored, or, for the default, the configured one. */
    Outcome effective(Caller administrator, Scope scope);

    Outcome set(Caller administrator, Scope scope, TokenPolicy policy);

    Outcome remove(Caller administrator, Scope scope);

    Outcome simulate(Caller administrator, Scope scope, TokenPolicy proposed);

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

    /** What a policy operation came to. */
    sealed interface Outcome {
        /** The configured default, and every stored policy. */
        record Listed(TokenPolicy configuredDefault, Map<Scope, TokenPolicy> stored) implements Outcome {
            public Listed {
                stored = Map.copyOf(stored);
            }
        }

        /** The policy now stored for the scope, or the one in effect there. */
        record Policy(Scope scope, TokenPolicy policy) implements Outcome {
        }

        /** The scope's policy is gone; the next broader one applies. */
        record Removed() implements Outcome {
        }

        /** No policy is stored for that scope. */
        record NotFound() implements Outcome {
        }

        /** The tokens checked, and those that break the proposal; at most {@code MAXIMUM_BREACHES} are listed. */
        record Simulated(long tokensChecked, long breachCount, List<Breach> breaches) implements Outcome {
            public static final int MAXIMUM_BREACHES = 1000;

            public Simulated {
                breaches = List.copyOf(breaches);
            }
        }

        /** Only administrators manage policies. */
        record NotAllowed() implements Outcome {
        }
    }
}
