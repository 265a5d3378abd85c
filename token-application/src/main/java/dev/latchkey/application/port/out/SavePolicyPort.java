package dev.latchkey.application.port.out;

import dev.latchkey.domain.TokenPolicy;

/** Where administrators' issuance policies are stored. */
public interface SavePolicyPort {

    /** Stores the policy for the scope, replacing any. */
    void save(LoadPolicyPort.Scope scope, TokenPolicy policy);

    /** Removes the scope's policy; returns whether there was one. */
    boolean remove(LoadPolicyPort.Scope scope);
}
