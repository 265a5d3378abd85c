package dev.latchkey.domain;

import java.util.Objects;
import java.util.Optional;

/** Which accounts a listing shows; each present criterion narrows it, and none shows every account. */
public record AccountFilter(Optional<Organization> organization, Optional<Role> role, Optional<PartnerId> partner,
                            Optional<Boolean> enabled) {

    public AccountFilter {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(enabled, "enabled");
    }

    public static AccountFilter none() {
        return new AccountFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean matches(Account account) {
        return organization.map(wanted -> account.organization().equals(Optional.of(wanted))).orElse(true)
                && role.map(wanted -> account.role() == wanted).orElse(true)
                && partner.map(wanted -> account.partner().equals(Optional.of(wanted))).orElse(true)
                && enabled.map(wanted -> account.enabled() == wanted).orElse(true);
    }
}
