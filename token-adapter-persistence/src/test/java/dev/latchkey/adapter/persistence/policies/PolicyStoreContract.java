package dev.latchkey.adapter.persistence.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issuance policies, per scope. Each subclass runs it against one real database, migrated by the same Flyway scripts
 * the service uses.
 */
abstract class PolicyStoreContract extends StoreContract {

    @Test
    void policiesRoundTripPerScopeAndCanBeRemoved() {
        PolicyPersistenceAdapter policies = context.getBean(PolicyPersistenceAdapter.class);
        LoadPolicyPort.Scope blue = new LoadPolicyPort.Scope.OfOrganization(Organization.of("Blue " + NOW.getNano()));
        TokenPolicy strict = new TokenPolicy(Lifetime.of(java.time.Duration.ofDays(7)), java.time.Duration.ofDays(30),
                Set.of(Role.ADMIN), Optional.of(3), Optional.of(Scopes.of("read", "deploy")));
        TokenPolicy open = new TokenPolicy(Lifetime.never(), java.time.Duration.ofDays(365),
                Set.of(Role.ADMIN, Role.USER), Optional.empty(), Optional.empty());

        assertThat(policies.load(blue)).isEmpty();
        policies.save(blue, strict);
        assertThat(policies.load(blue)).contains(strict);
        policies.save(blue, open);
        assertThat(policies.load(blue)).as("replaced, and not served stale from memory").contains(open);
        assertThat(policies.loadAll()).containsEntry(blue, open);

        assertThat(policies.remove(blue)).isTrue();
        assertThat(policies.remove(blue)).isFalse();
        assertThat(policies.load(blue)).isEmpty();
    }
}
