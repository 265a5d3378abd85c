package dev.latchkey.adapter.persistence.tokens;

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
record RotationRow(@EmbeddedId Key key, String presentedBy, UUID rotatedTokenId, UUID replacementTokenId,
                   String salt, Instant createdAt) {

    /** How a rotation by password is recorded in {@code presented_by}; a token's id otherwise. */
    static final String PASSWORD = "password";

    @Embeddable
    record Key(@MappedProperty("account_id") UUID accountId,
               @MappedProperty("idempotency_key") String idempotencyKey) {
    }

    Rotation toDomain() {
        return new Rotation(new AccountId(key.accountId()), IdempotencyKey.of(key.idempotencyKey()),
                PASSWORD.equals(presentedBy) ? java.util.Optional.empty()
                        : java.util.Optional.of(new TokenId(UUID.fromString(presentedBy))),
                new TokenId(rotatedTokenId), new TokenId(replacementTokenId), salt, createdAt);
    }
}
