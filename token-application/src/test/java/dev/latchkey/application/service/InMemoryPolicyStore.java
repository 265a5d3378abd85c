package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.application.port.out.SavePolicyPort;
import dev.latchkey.domain.TokenPolicy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryPolicyStore implements LoadPolicyPort, SavePolicyPort {

    private final Map<Scope, TokenPolicy> policies = new ConcurrentHashMap<>();

    @Override
    public Optional<TokenPolicy> load(Scope scope) {
        return Optional.ofNullable(policies.get(scope));
    }

    @Override
    public Map<Scope, TokenPolicy> loadAll() {
        return Map.copyOf(policies);
    }

    @Override
    public void save(Scope scope, TokenPolicy policy) {
        policies.put(scope, policy);
    }

    @Override
    public boolean remove(Scope scope) {
        return policies.remove(scope) != null;
    }
}
