package dev.latchkey.adapter.rest.admin;

import dev.latchkey.wire.PolicyDocument;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Issuance policies, for administrators: the default and one per organization, set, removed, and simulated before
 * they are set ({@code POST /api/v1/admin/policies/simulate} lists the active tokens a proposal would break).
 */
@Tag(name = "Issuance policies",
        description = "Per-organization rules for the tokens accounts may hold, a stored "
                + "default, and simulation before a change. Administrators only.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "400", description = "The policy is invalid",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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

    /** The default policy in force and every organization's. */
    @Get
    @ApiResponse(responseCode = "200", description = "The default in force and every organization's policy",
            content = @Content(schema = @Schema(implementation = PolicyList.class)))
    HttpResponse<?> list(HttpRequest<?> request, Authentication authentication) {
        ManagePoliciesUseCase.PolicyOverview listed = policies.list(AuthenticatedCaller.of(authentication));
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

    /** Stores the default policy, for accounts whose organization has none. */
    @Put("/default")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = PolicyDocument.class),
                            examples = @ExampleObject(value =
                                    "{\"defaultLifetimeSeconds\":2592000,\"maximumLifetimeSeconds\":7776000,"
                                    + "\"neverExpiringRoles\":[\"admin\"],\"maximumActiveTokens\":20,"
                                    + "\"allowedScopes\":[\"read\",\"write\"]}")))
    @ApiResponse(responseCode = "200", description = "The stored default",
            content = @Content(schema = @Schema(implementation = PolicyView.class)))
    HttpResponse<?> setDefault(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        return set(request, new Scope.Default(), json, authentication);
    }

    /** Stores an organization's policy. */
    @Put("/organizations/{organization}")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = PolicyDocument.class),
                            examples = @ExampleObject(value =
                                    "{\"defaultLifetimeSeconds\":604800,\"maximumLifetimeSeconds\":2592000,"
                                    + "\"neverExpiringRoles\":[]}")))
    @ApiResponse(responseCode = "200", description = "The organization's policy",
            content = @Content(schema = @Schema(implementation = PolicyView.class)))
    HttpResponse<?> setForOrganization(HttpRequest<?> request, @PathVariable String organization,
                                       @Nullable @Body String json, Authentication authentication) {
        return set(request, new Scope.OfOrganization(Organization.of(organization)), json, authentication);
    }

    /** Removes the stored default; the configured one applies again. */
    @Delete("/default")
    @ApiResponse(responseCode = "204", description = "Removed; the configured default applies")
    @ApiResponse(responseCode = "404", description = "No default is stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> removeDefault(HttpRequest<?> request, Authentication authentication) {
        return remove(request, new Scope.Default(), authentication);
    }

    /** Removes an organization's policy. */
    @Delete("/organizations/{organization}")
    @ApiResponse(responseCode = "204", description = "Removed; the default applies to the organization")
    @ApiResponse(responseCode = "404", description = "The organization has no policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> removeForOrganization(HttpRequest<?> request, @PathVariable String organization,
                                          Authentication authentication) {
        return remove(request, new Scope.OfOrganization(Organization.of(organization)), authentication);
    }

    /** Lists the active tokens a proposed policy would break, and enforces nothing. */
    @Post("/simulate")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Simulation.class),
                    examples = @ExampleObject(value = "{\"organization\":\"Northwind\","
                            + "\"policy\":{\"maximumLifetimeSeconds\":2592000,\"neverExpiringRoles\":[]}}")))
    @ApiResponse(responseCode = "200",
            description = "The active tokens the proposal would break, with the rule; nothing is " + "enforced",
            content = @Content(schema = @Schema(implementation = SimulationView.class)))
    HttpResponse<?> simulate(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        Simulation body = bodies.read(request, json, Simulation.class);
        if (body.policy() == null) {
            throw new InvalidValueException("policy", "is required: the proposed policy");
        }
        Scope scope = body.organization() == null ? new Scope.Default()
                : new Scope.OfOrganization(Organization.of(body.organization()));
        ManagePoliciesUseCase.Simulation simulated = policies.simulate(AuthenticatedCaller.of(authentication), scope,
                body.policy().toDomain());
        return HttpResponse.ok(new SimulationView(simulated.tokensChecked(), simulated.breachCount(),
                simulated.breaches().stream().map(breach -> new BreachView(breach.token().toString(),
                        breach.account().toString(), breach.username().value(), breach.rule().wireName(),
                        breach.detail())).toList()));
    }

    private HttpResponse<?> set(HttpRequest<?> request, Scope scope, String json, Authentication authentication) {
        PolicyDocument body = bodies.read(request, json, PolicyDocument.class);
        return HttpResponse.ok(PolicyView.of(policies.set(AuthenticatedCaller.of(authentication), scope,
                body.toDomain())));
    }

    private HttpResponse<?> remove(HttpRequest<?> request, Scope scope, Authentication authentication) {
        return policies.remove(AuthenticatedCaller.of(authentication), scope) ? HttpResponse.noContent()
                : Problems.response(request, ProblemType.POLICY_NOT_FOUND, "No policy is set for this scope.");
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
