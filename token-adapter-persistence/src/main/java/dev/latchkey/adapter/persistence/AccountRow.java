package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("account")
record AccountRow(@Id UUID id, String username, String passwordHash, String role, boolean enabled,
                  Instant createdAt) {

    static AccountRow fromDomain(Account account) {
        return new AccountRow(account.id().value(), account.username().value(),
                account.passwordHash().phcString(), account.role().name(), account.enabled(), account.createdAt());
    }

    Account toDomain() {
        return new Account(new AccountId(id), Username.of(username), new PasswordHash(passwordHash),
                Role.valueOf(role), enabled, createdAt);
    }

    @Override
    public String toString() {
        return "AccountRow[id=" + id + ", username=" + username + "]";
    }
}
