package dev.latchkey.application.port.out;

import dev.latchkey.domain.DeviceAuthorization;
import dev.latchkey.domain.SecretHash;
import java.util.Optional;

/** Where device authorizations wait for a person's decision and the device's polls; every node shares them. */
public interface DeviceAuthorizationPort {

    /** Stores a new one; false if its user code is taken by another that has not been swept yet. */
    boolean saveNew(DeviceAuthorization authorization);

    Optional<DeviceAuthorization> findByDeviceCode(SecretHash deviceCodeHash);

    Optional<DeviceAuthorization> findByUserCode(SecretHash userCodeHash);

    /**
     * Replaces {@code read} with {@code next} only if the store still holds {@code read} as it was read (its state and
     * last poll): of two polls or decisions at once, one wins and the other is told to read again.
     */
    boolean replace(DeviceAuthorization read, DeviceAuthorization next);
}
