package dev.latchkey.application.service;

import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.Rotation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryRotationLedger implements RotationLedgerPort {

    private record Key(AccountId account, IdempotencyKey key) {
    }

    private final Map<Key, Rotation> rotations = new ConcurrentHashMap<>();

    @Override
    public Optional<Rotation> find(AccountId account, IdempotencyKey key) {
        return Optional.ofNullable(rotations.get(new Key(account, key)));
    }

    @Override
    public RecordOutcome record(Rotation rotation) {
        return rotations.putIfAbsent(new Key(rotation.account(), rotation.key()), rotation) == null
                ? RecordOutcome.RECORDED : RecordOutcome.KEY_ALREADY_USED;
    }
}
