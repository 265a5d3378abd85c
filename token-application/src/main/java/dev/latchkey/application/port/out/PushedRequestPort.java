package dev.latchkey.application.port.out;

import dev.latchkey.domain.PushedAuthorizationRequest;
import dev.latchkey.domain.SecretHash;
import java.time.Instant;
import java.util.Optional;

/** Where pushed authorization requests (RFC 9126) wait for the browser, by the hash of their request_uri. */
public interface PushedRequestPort {

    void save(PushedAuthorizationRequest request);

    Optional<PushedAuthorizationRequest> find(SecretHash referenceHash);

    /** Marks it completed at {@code now} if it was not yet; false if another authorization completed it first. */
    boolean complete(SecretHash referenceHash, Instant now);
}
