package dev.latchkey.adapter.persistence.authorizations;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PushedRequestRepository extends GenericRepository<PushedRequestRow, String> {

    PushedRequestRow save(PushedRequestRow row);

    Optional<PushedRequestRow> findById(String referenceHash);

    @Query("UPDATE pushed_authorization_request SET completed_at = :now WHERE reference_hash = :referenceHash "
            + "AND completed_at IS NULL")
    long complete(String referenceHash, Instant now);

    @Query("DELETE FROM pushed_authorization_request WHERE expires_at < :before")
    long deleteExpiredBefore(Instant before);
}
