package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone who can authenticate and own tokens.
 *
 * @param partner the partner organization the account acts for, if any (partner-scoped tokens need one)
 */
public record Account(AccountId id, Username username, PasswordHash passwordHash, Role role, boolean enabled,
                      Instant createdAt, Optional<EmailAddress> email, Optional<Organization> organization,
                      Optional<PartnerId> partner) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(partner, "partner");
    }

    /** A new, enabled account without profile details. */
    public static Account create(AccountId id, Username username, PasswordHash passwordHash, Role role,
                                 Instant createdAt) {
        return new Account(id, username, passwordHash, role, true, createdAt, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public Account withProfile(Optional<EmailAddress> newEmail, Optional<Organization> newOrganization,
                               Optional<PartnerId> newPartner) {
        return new Account(id, username, passwordHash, role, enabled, createdAt, newEmail, newOrganization, newPartner);
    }

    public Account withPasswordHash(PasswordHash newHash) {
        return new Account(id, username, newHash, role, enabled, createdAt, email, organization, partner);
    }

    public Account withRole(Role newRole) {
        return new Account(id, username, passwordHash, newRole, enabled, createdAt, email, organization, partner);
    }

    public Account withEnabled(boolean nowEnabled) {
        return new Account(id, username, passwordHash, role, nowEnabled, createdAt, email, organization, partner);
    }

    /**
     * Whether tokens of this account may carry these scopes. {@code introspect} is for administrators; a
     * {@code partner:<id>} scope only for the partner's own accounts, since resource servers trust it.
     */
    public boolean mayHold(Scopes scopes) {
        if (scopes.values().stream().anyMatch(Scopes::imitatesReserved)) {
            return false;
        }
        if (role == Role.ADMIN) {
            return true;
        }
        return !scopes.contains(Scopes.INTROSPECT) && scopes.values().stream()
                .filter(scope -> scope.startsWith(Scopes.PARTNER_PREFIX))
                .allMatch(scope -> partner.map(Scopes::partner).filter(scope::equals).isPresent());
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
    }
}
