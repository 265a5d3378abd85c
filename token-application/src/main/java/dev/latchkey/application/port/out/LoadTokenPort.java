package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.util.List;
import java.util.Optional;

public interface LoadTokenPort {

    Optional<Token> loadById(TokenId id);

    Optional<Token> loadBySecretHash(SecretHash hash);

    /** The owner's tokens, newest first. */
    List<Token> loadOwnedBy(AccountId owner, long offset, int limit);

    long countOwnedBy(AccountId owner);
}
