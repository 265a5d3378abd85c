package dev.latchkey.adapter.persistence.policies;

import dev.latchkey.application.port.out.LoadPolicyPort.Scope;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenPolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Collectors;

@MappedEntity("token_policy")
record PolicyRow(@Id String scope, long defaultLifetimeSeconds, long maximumLifetimeSeconds,
                 String neverExpiringRoles, @Nullable Integer maximumActiveTokens, @Nullable String allowedScopes,
                 Instant updatedAt) {

    private static final String DEFAULT = "default";
    private static final String ORGANIZATION = "organization:";

    static String key(Scope scope) {
        return scope instanceof Scope.OfOrganization organization
                ? ORGANIZATION + organization.organization().name() : DEFAULT;
    }

    static Scope scopeOf(String key) {
        return key.startsWith(ORGANIZATION)
                ? new Scope.OfOrganization(Organization.of(key.substring(ORGANIZATION.length()))) : new Scope.Default();
    }

    static PolicyRow fromDomain(Scope scope, TokenPolicy policy, Instant updatedAt) {
        return new PolicyRow(key(scope), policy.defaultLifetime().toSeconds(), policy.maximumLifetime().getSeconds(),
                policy.neverExpiringRoles().stream().map(Role::name).sorted().collect(Collectors.joining(" ")),
                policy.maximumActiveTokens().orElse(null),
                policy.allowedScopes().map(Scopes::asSpaceDelimited).orElse(null), updatedAt);
    }

    TokenPolicy toDomain() {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(neverExpiringRoles.split(" ")).filter(name -> !name.isEmpty()).map(Role::valueOf)
                .forEach(roles::add);
        return new TokenPolicy(Lifetime.fromSeconds(defaultLifetimeSeconds), Duration.ofSeconds(maximumLifetimeSeconds),
                roles, Optional.ofNullable(maximumActiveTokens), Optional.ofNullable(allowedScopes)
                .map(Scopes::parseSpaceDelimited));
    }
}
