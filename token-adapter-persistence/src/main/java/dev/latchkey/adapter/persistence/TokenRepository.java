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

    Optional<UUID> findIdBySecretHash(String secretHash);

    @Query("SELECT * FROM token WHERE owner_id = :ownerId ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<TokenRow> findOwnedBy(UUID ownerId, int limit, long offset);

    long countByOwnerId(UUID ownerId);

    /**
     * Writes a revocation effective at {@code revokedAt} where none is recorded, or where a rotation's scheduled one
     * would take effect later (the SQL twin of {@code Revocation.yieldsTo}): nothing is pushed back or undone.
     */
    @Query("UPDATE token SET revoked_at = :revokedAt, revocation_reason = :reason "
            + "WHERE id = :id AND (revoked_at IS NULL OR (revocation_reason = 'ROTATED' AND revoked_at > :revokedAt))")
    long recordRevocation(UUID id, Instant revokedAt, String reason);

    /** Revokes an owner's unrevoked personal tokens with one description; returns how many. */
    @Query("UPDATE token SET revoked_at = :revokedAt, revocation_reason = :reason "
            + "WHERE owner_id = :ownerId AND description = :description AND kind = 'PERSONAL' AND revoked_at IS NULL")
    long supersede(UUID ownerId, String description, Instant revokedAt, String reason);

    /** The tokens {@link #supersede} just revoked, read inside its transaction. */
    @Query("SELECT id FROM token WHERE owner_id = :ownerId AND description = :description AND kind = 'PERSONAL' "
            + "AND revoked_at = :revokedAt AND revocation_reason = :reason")
    List<UUID> findIdsSuperseded(UUID ownerId, String description, Instant revokedAt, String reason);

    /** The tokens {@link #revokeGrant} just revoked, read inside its transaction. */
    @Query("SELECT id FROM token WHERE grant_id = :grantId AND revoked_at = :revokedAt AND revocation_reason = :reason")
    List<UUID> findIdsOfGrantRevoked(UUID grantId, Instant revokedAt, String reason);

    /** Revokes every token of a grant, under the same rule as a single revocation; returns how many. */
    @Query("UPDATE token SET revoked_at = :revokedAt, revocation_reason = :reason "
            + "WHERE grant_id = :grantId "
            + "AND (revoked_at IS NULL OR (revocation_reason = 'ROTATED' AND revoked_at > :revokedAt))")
    long revokeGrant(UUID grantId, Instant revokedAt, String reason);

    /** The tokens {@link #revokeClient} just revoked, read inside its transaction. */
    @Query("SELECT id FROM token WHERE client_id = :clientId AND revoked_at = :revokedAt "
            + "AND revocation_reason = :reason")
    List<UUID> findIdsOfClientRevoked(String clientId, Instant revokedAt, String reason);

    /** Revokes every token issued to a client, under the same rule as a single revocation; returns how many. */
    @Query("UPDATE token SET revoked_at = :revokedAt, revocation_reason = :reason "
            + "WHERE client_id = :clientId "
            + "AND (revoked_at IS NULL OR (revocation_reason = 'ROTATED' AND revoked_at > :revokedAt))")
    long revokeClient(String clientId, Instant revokedAt, String reason);

    /** Spends a refresh token; matches only while it is unspent and not revoked, so one exchange wins. */
    @Query("UPDATE token SET consumed_at = :consumedAt "
            + "WHERE id = :id AND kind = 'REFRESH' AND consumed_at IS NULL "
            + "AND (revoked_at IS NULL OR revoked_at > :consumedAt)")
    long recordConsumption(UUID id, Instant consumedAt);
}
