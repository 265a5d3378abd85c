package dev.latchkey.adapter.persistence.tokens;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RotationRepository extends GenericRepository<RotationRow, RotationRow.Key> {

    @Query("SELECT * FROM rotation WHERE account_id = :accountId AND idempotency_key = :idempotencyKey")
    Optional<RotationRow> find(UUID accountId, String idempotencyKey);

    @Query("DELETE FROM rotation WHERE created_at < :before")
    long deleteCreatedBefore(Instant before);

    /** Inserts unless the key is taken; waits for a concurrent insert of the same key to settle first. */
    @Query("INSERT INTO rotation (account_id, idempotency_key, presented_by, rotated_token_id, replacement_token_id, "
            + "salt, created_at) VALUES (:accountId, :idempotencyKey, :presentedBy, :rotatedTokenId, "
            + ":replacementTokenId, :salt, :createdAt) ON CONFLICT DO NOTHING")
    long insertIfAbsent(UUID accountId, String idempotencyKey, String presentedBy, UUID rotatedTokenId,
                        UUID replacementTokenId, String salt, Instant createdAt);
}
