package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.Rotation;
import java.util.Optional;

/** Remembers rotations made with an idempotency key, so that a retry finds the first one's replacement. */
public interface RotationLedgerPort {

    Optional<Rotation> find(AccountId account, IdempotencyKey key);

    /** Records a rotation unless the account already used the key; of concurrent ones, exactly one is RECORDED. */
    RecordOutcome record(Rotation rotation);

    /** Whether the rotation was recorded, or its idempotency key was taken meanwhile. */
    enum RecordOutcome {
        RECORDED,
        KEY_ALREADY_USED
    }
}
