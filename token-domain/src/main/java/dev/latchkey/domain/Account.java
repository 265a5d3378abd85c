package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/** Someone who can authenticate and own tokens. */
public record Account(AccountId id, Username username, PasswordHash passwordHash, Role role, boolean enabled,
                      Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static Account create(AccountId id, Username username, PasswordHash passwordHash, Role role,
                                 Instant createdAt) {
        return new Account(id, username, passwordHash, role, true, createdAt);
    }

    /** Whether tokens of this account may carry these scopes: the privileged ones are for administrators only. */
    public boolean mayHold(Scopes scopes) {
        return role == Role.ADMIN || !scopes.contains(Scopes.INTROSPECT);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
    }
}
