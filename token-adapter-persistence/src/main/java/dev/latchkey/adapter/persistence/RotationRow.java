package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.Rotation;
import dev.latchkey.domain.TokenId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("rotation")
record RotationRow(@EmbeddedId Key key, UUID rotatedTokenId, UUID replacementTokenId, String salt,
                   Instant createdAt) {

    @Embeddable
    record Key(@MappedProperty("account_id") UUID accountId,
               @MappedProperty("idempotency_key") String idempotencyKey) {
    }

    Rotation toDomain() {
        return new Rotation(new AccountId(key.accountId()), IdempotencyKey.of(key.idempotencyKey()),
                new TokenId(rotatedTokenId), new TokenId(replacementTokenId), salt, createdAt);
    }
}
