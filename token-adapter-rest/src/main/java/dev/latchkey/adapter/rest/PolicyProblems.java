package dev.latchkey.adapter.rest;

import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.domain.TokenPolicy;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;

/**
 * A broken issuance rule as a problem, its detail starting with the rule's name: a lifetime rule is the lifetime's
 * problem ({@code lifetime-not-allowed}, as before policies), a scope rule the scope's, the count a conflict.
 */
final class PolicyProblems {

    private PolicyProblems() {
    }

    static MutableHttpResponse<?> response(HttpRequest<?> request, TokenPolicy.Violation violation) {
        ProblemType type = switch (violation.rule()) {
            case MAXIMUM_LIFETIME, NEVER_EXPIRING -> ProblemType.LIFETIME_NOT_ALLOWED;
            case ALLOWED_SCOPES -> ProblemType.SCOPE_NOT_ALLOWED;
            case MAXIMUM_ACTIVE_TOKENS -> ProblemType.POLICY_VIOLATED;
        };
        return Problems.response(request, type, violation.rule().wireName() + ": " + violation.detail());
    }
}
