package dev.latchkey.adapter.rest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase.Outcome;
import dev.latchkey.application.port.out.LoadPolicyPort.Scope;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.TokenPolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Issuance policies, for administrators: the default and one per organization, set, removed, and simulated before
 * they are set ({@code POST /api/v1/admin/policies/simulate} lists the active tokens a proposal would break).
 */
@Controller("/api/v1/admin/policies")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
class PolicyController {

    private final ManagePoliciesUseCase policies;
    private final JsonBodies bodies;

    PolicyController(ManagePoliciesUseCase policies, JsonBodies bodies) {
        this.policies = policies;
        this.bodies = bodies;
    }

    @Get
    HttpResponse<?> list(HttpRequest<?> request, Authentication authentication) {
        Outcome outcome = policies.list(AuthenticatedCaller.of(authentication));
        if (!(outcome instanceof Outcome.Listed listed)) {
            return forbidden(request);
        }
        Map<String, PolicyView> organizations = new LinkedHashMap<>();
        Optional<TokenPolicy> storedDefault = Optional.empty();
        for (Map.Entry<Scope, TokenPolicy> entry : listed.stored().entrySet()) {
            if (entry.getKey() instanceof Scope.OfOrganization organization) {
                organizations.put(organization.organization().name(), PolicyView.of(entry.getValue()));
            } else {
                storedDefault = Optional.of(entry.getValue());
            }
        }
        return HttpResponse.ok(new PolicyList(PolicyView.of(storedDefault.orElse(listed.configuredDefault())),
                storedDefault.isPresent() ? "stored" : "configured", organizations));
    }

    @Put("/default")
    HttpResponse<?> setDefault(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        return set(request, new Scope.Default(), json, authentication);
    }

    @Put("/organizations/{organization}")
    HttpResponse<?> setForOrganization(HttpRequest<?> request, @PathVariable String organization,
                                       @Nullable @Body String json, Authentication authentication) {
        return set(request, new Scope.OfOrganization(Organization.of(organization)), json, authentication);
    }

    @Delete("/default")
    HttpResponse<?> removeDefault(HttpRequest<?> request, Authentication authentication) {
        return remove(request, new Scope.Default(), authentication);
    }

    @Delete("/organizations/{organization}")
    HttpResponse<?> removeForOrganization(HttpRequest<?> request, @PathVariable String organization,
                                          Authentication authentication) {
        return remove(request, new Scope.OfOrganization(Organization.of(organization)), authentication);
    }

    @Post("/simulate")
    HttpResponse<?> simulate(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        Simulation body = bodies.read(request, json, Simulation.class);
        if (body.policy() == null) {
            throw new InvalidValueException("policy", "is required: the proposed policy");
        }
        Scope scope = body.organization() == null ? new Scope.Default()
                : new Scope.OfOrganization(Organization.of(body.organization()));
        Outcome outcome = policies.simulate(AuthenticatedCaller.of(authentication), scope, body.policy().toDomain());
        if (!(outcome instanceof Outcome.Simulated simulated)) {
            return forbidden(request);
        }
        return HttpResponse.ok(new SimulationView(simulated.tokensChecked(), simulated.breachCount(),
                simulated.breaches().stream().map(breach -> new BreachView(breach.token().toString(),
                        breach.account().toString(), breach.username().value(), breach.rule().wireName(),
                        breach.detail())).toList()));
    }

    private HttpResponse<?> set(HttpRequest<?> request, Scope scope, String json, Authentication authentication) {
        PolicyDocument body = bodies.read(request, json, PolicyDocument.class);
        Outcome outcome = policies.set(AuthenticatedCaller.of(authentication), scope, body.toDomain());
        return outcome instanceof Outcome.Policy set ? HttpResponse.ok(PolicyView.of(set.policy()))
                : forbidden(request);
    }

    private HttpResponse<?> remove(HttpRequest<?> request, Scope scope, Authentication authentication) {
        Outcome outcome = policies.remove(AuthenticatedCaller.of(authentication), scope);
        if (outcome instanceof Outcome.Removed) {
            return HttpResponse.noContent();
        }
        return outcome instanceof Outcome.NotFound
                ? Problems.response(request, ProblemType.POLICY_NOT_FOUND, "No policy is set for this scope.")
                : forbidden(request);
    }

    private static HttpResponse<?> forbidden(HttpRequest<?> request) {
        return Problems.response(request, ProblemType.FORBIDDEN, "Only administrators manage policies.");
    }

    @Serdeable
    record Simulation(@Nullable String organization, @Nullable PolicyDocument policy) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PolicyView(long defaultLifetimeSeconds, long maximumLifetimeSeconds, List<String> neverExpiringRoles,
                      @Nullable Integer maximumActiveTokens, @Nullable List<String> allowedScopes) {
        static PolicyView of(TokenPolicy policy) {
            return new PolicyView(policy.defaultLifetime().toSeconds(), policy.maximumLifetime().getSeconds(),
                    policy.neverExpiringRoles().stream().map(role -> role.name().toLowerCase(Locale.ROOT)).sorted()
                            .toList(), policy.maximumActiveTokens().orElse(null),
                    policy.allowedScopes().map(scopes -> List.copyOf(scopes.values())).orElse(null));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PolicyList(PolicyView defaultPolicy, String defaultSource, Map<String, PolicyView> organizations) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SimulationView(long tokensChecked, long breachCount, List<BreachView> breaches) {
    }

    @Serdeable
    record BreachView(String tokenId, String accountId, String username, String rule, String detail) {
    }
}
