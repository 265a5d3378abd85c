package dev.latchkey.application.port.out;

import dev.latchkey.domain.Organization;
import dev.latchkey.domain.TokenPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads the issuance policies administrators have stored; the configured policy applies where none is. */
public interface LoadPolicyPort {

    /** The policy stored for the scope, if one is. */
    Optional<TokenPolicy> load(Scope scope);

    /** Every stored policy. */
    Map<Scope, TokenPolicy> loadAll();

    /** Whom a policy governs: every account by default, or one organization's accounts. */
    sealed interface Scope {
        /** Every account not governed by its organization's policy. */
        record Default() implements Scope {
        }

        /** The accounts of one organization. */
        record OfOrganization(Organization organization) implements Scope {
            public OfOrganization {
                Objects.requireNonNull(organization, "organization");
            }
        }
    }
}
