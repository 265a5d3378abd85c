package dev.latchkey.adapter.persistence.authorizations;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuthorizationCodeRepository extends GenericRepository<AuthorizationCodeRow, String> {

    AuthorizationCodeRow save(AuthorizationCodeRow row);

    Optional<AuthorizationCodeRow> findById(String codeHash);

    @Query("UPDATE authorization_code SET redeemed_at = :now WHERE code_hash = :codeHash AND redeemed_at IS NULL")
    long markRedeemed(String codeHash, Instant now);

    @Query("DELETE FROM authorization_code WHERE expires_at < :before")
    long deleteExpiredBefore(Instant before);
}
