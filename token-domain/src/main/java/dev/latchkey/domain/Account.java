package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone who can authenticate and own tokens.
 *
 * @param partner       the partner organization the account acts for, if any (partner-scoped tokens need one)
 * @param notifications whether the account's owner gets mail about its tokens (where it has an address)
 */
public record Account(AccountId id, Username username, PasswordHash passwordHash, Role role, boolean enabled,
                      Instant createdAt, Optional<EmailAddress> email, Optional<Organization> organization,
                      Optional<PartnerId> partner, boolean notifications) {

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
                Optional.empty(), true);
    }

    public Account withProfile(Optional<EmailAddress> newEmail, Optional<Organization> newOrganization,
                               Optional<PartnerId> newPartner) {
        return new Account(id, username, passwordHash, role, enabled, createdAt, newEmail, newOrganization, newPartner,
                notifications);
    }

    public Account withPasswordHash(PasswordHash newHash) {
        return new Account(id, username, newHash, role, enabled, createdAt, email, organization, partner,
                notifications);
    }

    public Account withRole(Role newRole) {
        return new Account(id, username, passwordHash, newRole, enabled, createdAt, email, organization, partner,
                notifications);
    }

    public Account withEnabled(boolean nowEnabled) {
        return new Account(id, username, passwordHash, role, nowEnabled, createdAt, email, organization, partner,
                notifications);
    }

    public Account withNotifications(boolean wanted) {
        return new Account(id, username, passwordHash, role, enabled, createdAt, email, organization, partner, wanted);
    }

    /** Turns the owner's mail about their tokens on or off. */
    public AccountUpdate changeNotifications(boolean wanted) {
        return wanted == notifications ? AccountUpdate.of(this)
                : AccountUpdate.single(withNotifications(wanted), new AccountChange.NotificationsChanged(wanted));
    }

    /** Sets a new password hash; the old password no longer signs in. Always a change: a new hash has a new salt. */
    public AccountUpdate resetPassword(PasswordHash newHash) {
        return AccountUpdate.single(withPasswordHash(newHash), new AccountChange.PasswordReset());
    }

    public AccountUpdate changeRole(Role newRole) {
        return newRole == role ? AccountUpdate.of(this)
                : AccountUpdate.single(withRole(newRole), new AccountChange.RoleChanged(role, newRole));
    }

    /** The account can no longer sign in; what happens to its tokens and sessions is the use case's to do. */
    public AccountUpdate disable() {
        return enabled ? AccountUpdate.single(withEnabled(false), new AccountChange.Disabled()) : AccountUpdate.of(this);
    }

    /** The account may sign in again; tokens revoked when it was disabled stay revoked. */
    public AccountUpdate enable() {
        return enabled ? AccountUpdate.of(this) : AccountUpdate.single(withEnabled(true), new AccountChange.Enabled());
    }

    /** Sets the profile to these values, reporting each field that differs from what it was. */
    public AccountUpdate changeProfile(Optional<EmailAddress> newEmail, Optional<Organization> newOrganization,
                                       Optional<PartnerId> newPartner) {
        java.util.List<AccountChange> changes = new java.util.ArrayList<>();
        if (!newEmail.equals(email)) {
            changes.add(new AccountChange.ProfileChanged(AccountChange.ProfileField.EMAIL,
                    newEmail.map(EmailAddress::value)));
        }
        if (!newOrganization.equals(organization)) {
            changes.add(new AccountChange.ProfileChanged(AccountChange.ProfileField.ORGANIZATION,
                    newOrganization.map(Organization::name)));
        }
        if (!newPartner.equals(partner)) {
            changes.add(new AccountChange.ProfileChanged(AccountChange.ProfileField.PARTNER,
                    newPartner.map(id -> String.valueOf(id.value()))));
        }
        return new AccountUpdate(withProfile(newEmail, newOrganization, newPartner), changes);
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
