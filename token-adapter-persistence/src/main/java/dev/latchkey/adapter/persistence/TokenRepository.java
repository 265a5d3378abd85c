package dev.latchkey.adapter.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TokenRepository extends GenericRepository<TokenRow, UUID> {

    TokenRow save(TokenRow row);

    Optional<TokenRow> findById(UUID id);

    Optional<TokenRow> findBySecretHash(String secretHash);

    @Query("SELECT * FROM token WHERE owner_id = :ownerId ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<TokenRow> findOwnedBy(UUID ownerId, int limit, long offset);

    long countByOwnerId(UUID ownerId);

    /**
     * Records a use of a token that is not revoked, moving last use forward only (a late-arriving older use changes
     * nothing). Matches no row once the token is revoked, so the count says whether the use was allowed.
     */
    @Query("UPDATE token SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < :usedAt "
            + "THEN :usedAt ELSE last_used_at END "
            + "WHERE id = :id AND revoked_at IS NULL")
    long recordUse(UUID id, Instant usedAt);

    /** Writes a revocation only where none exists, so the first one stands and nothing un-revokes. */
    @Query("UPDATE token SET revoked_at = :revokedAt, revocation_reason = :reason "
            + "WHERE id = :id AND revoked_at IS NULL")
    long recordRevocation(UUID id, Instant revokedAt, String reason);
}
