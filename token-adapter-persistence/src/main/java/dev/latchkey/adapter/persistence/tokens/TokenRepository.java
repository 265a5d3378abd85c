package dev.latchkey.adapter.persistence.tokens;

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

    // No save: a token is inserted one way only, by TokenInserts, under the issuance guard (ADR 15).

    Optional<TokenRow> findById(UUID id);

    Optional<UUID> findIdBySecretHash(String secretHash);

    @Query("SELECT * FROM token WHERE owner_id = :ownerId ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
    List<TokenRow> findOwnedBy(UUID ownerId, int limit, long offset);

    long countByOwnerId(UUID ownerId);

    /** Records a token's first revocation: matches only while it has none. */
    @Query("UPDATE token SET revoked_at = :revokedAt, revocation_reason = :reason WHERE id = :id AND revoked_at IS NULL")
    long recordFirstRevocation(UUID id, Instant revokedAt, String reason);

    /** Replaces a token's revocation: matches only while the recorded one is still the expected one. */
    @Query("UPDATE token SET revoked_at = :revokedAt, revocation_reason = :reason "
            + "WHERE id = :id AND revoked_at = :expectedAt AND revocation_reason = :expectedReason")
    long replaceRevocation(UUID id, Instant expectedAt, String expectedReason, Instant revokedAt, String reason);

    @Query("SELECT * FROM token WHERE grant_id = :grantId AND (revoked_at IS NULL OR revoked_at > :at)")
    List<TokenRow> findRevocableOfGrant(UUID grantId, Instant at);

    @Query("SELECT * FROM token WHERE client_id = :clientId AND (revoked_at IS NULL OR revoked_at > :at)")
    List<TokenRow> findRevocableOfClient(String clientId, Instant at);

    @Query("SELECT * FROM token WHERE owner_id = :ownerId AND (revoked_at IS NULL OR revoked_at > :at)")
    List<TokenRow> findRevocableOwnedBy(UUID ownerId, Instant at);

    @Query("SELECT * FROM token WHERE owner_id = :ownerId AND description = :description AND kind = 'PERSONAL' "
            + "AND (revoked_at IS NULL OR revoked_at > :at)")
    List<TokenRow> findRevocablePersonalDescribed(UUID ownerId, String description, Instant at);

    @Query("SELECT * FROM token WHERE delegator_id = :delegatorId AND (revoked_at IS NULL OR revoked_at > :at)")
    List<TokenRow> findRevocableDelegatesOf(UUID delegatorId, Instant at);

    /** Spends a refresh token; matches only while it is unspent and not revoked, so one exchange wins. */
    @Query("UPDATE token SET consumed_at = :consumedAt "
            + "WHERE id = :id AND kind = 'REFRESH' AND consumed_at IS NULL "
            + "AND (revoked_at IS NULL OR revoked_at > :consumedAt)")
    long recordConsumption(UUID id, Instant consumedAt);
}
