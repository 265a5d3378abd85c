package dev.latchkey.adapter.persistence.keys;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SigningKeyRepository extends GenericRepository<SigningKeyRow, String> {

    SigningKeyRow save(SigningKeyRow row);

    @Query("SELECT * FROM signing_key")
    List<SigningKeyRow> findAll();

    @Query("DELETE FROM signing_key WHERE kid = :kid")
    long deleteByKid(String kid);

    /** Replaces the wrapped private key only if it is still {@code expected}: another node may have re-wrapped it. */
    @Query("UPDATE signing_key SET private_key = :replacement WHERE kid = :kid AND private_key = :expected")
    long swapPrivateKey(String kid, String expected, String replacement);
}
