package dev.latchkey.application.port.in;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is making a request, as established by {@link AuthenticateUseCase}: an account, and the token it presented
 * if it authenticated with one rather than with its password.
 */
public record Caller(AccountId accountId, Username username, Role role, Optional<TokenId> presentedToken) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(presentedToken, "presentedToken");
    }
}
