package dev.latchkey.application.port.out;

import dev.latchkey.domain.AuthorizationCodeGrant;
import dev.latchkey.domain.SecretHash;
import java.time.Instant;
import java.util.Optional;

/** Where authorization codes wait to be redeemed, by the hash of the code; every node shares them. */
public interface AuthorizationCodePort {

    void save(AuthorizationCodeGrant code);

    Optional<AuthorizationCodeGrant> findByHash(SecretHash codeHash);

    /**
     * Marks the code redeemed at {@code now} if it was not yet: of two redemptions at once, exactly one gets
     * {@code true}, and the other is a replay.
     */
    boolean markRedeemed(SecretHash codeHash, Instant now);
}
