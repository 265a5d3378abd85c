package dev.latchkey.adapter.persistence.accounts;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@MappedEntity("account")
record AccountRow(@Id UUID id, String username, String usernameKey, String passwordHash, String role,
                  boolean enabled, Instant createdAt, @Nullable String email, @Nullable String organization,
                  @Nullable Long partnerId, boolean notifications) {

    static AccountRow fromDomain(Account account) {
        return new AccountRow(account.id().value(), account.username().value(), account.username().canonical(),
                account.passwordHash().phcString(), account.role().name(), account.enabled(), account.createdAt(),
                account.email().map(EmailAddress::value).orElse(null),
                account.organization().map(Organization::name).orElse(null),
                account.partner().map(PartnerId::value).orElse(null), account.notifications());
    }

    Account toDomain() {
        return new Account(new AccountId(id), Username.of(username), new PasswordHash(passwordHash),
                Role.valueOf(role), enabled, createdAt, Optional.ofNullable(email).map(EmailAddress::of),
                Optional.ofNullable(organization).map(Organization::of),
                Optional.ofNullable(partnerId).map(PartnerId::of), notifications);
    }

    @Override
    public String toString() {
        return "AccountRow[id=" + id + ", username=" + username + "]";
    }
}
