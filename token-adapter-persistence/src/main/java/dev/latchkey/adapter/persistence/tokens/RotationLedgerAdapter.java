package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.Rotation;
import dev.latchkey.domain.TokenId;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Rotations made with an idempotency key, in the {@code rotation} table. */
@Singleton
@TranslatesStoreFailures
class RotationLedgerAdapter implements RotationLedgerPort {

    private final RotationRepository repository;

    RotationLedgerAdapter(RotationRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Rotation> find(AccountId account, IdempotencyKey key) {
        return repository.find(account.value(), key.value()).map(RotationRow::toDomain);
    }

    @Override
    public RecordOutcome record(Rotation rotation) {
        long inserted = repository.insertIfAbsent(rotation.account().value(), rotation.key().value(),
                rotation.presentedBy().map(token -> token.value().toString()).orElse(RotationRow.PASSWORD), rotation.rotated().value(), rotation.replacement().value(), rotation.saltHex(), rotation.at());
        return inserted == 1 ? RecordOutcome.RECORDED : RecordOutcome.KEY_ALREADY_USED;
    }
}
