package dev.latchkey.adapter.persistence.keys;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ServerKeyRepository extends GenericRepository<ServerKeyRow, String> {

    @Query("INSERT INTO server_key (purpose, material, created_at) VALUES (:purpose, :material, :createdAt) "
            + "ON CONFLICT DO NOTHING")
    long insertIfAbsent(String purpose, String material, Instant createdAt);

    @Query("SELECT * FROM server_key")
    java.util.List<ServerKeyRow> findAll();

    /** Replaces the material only if it is still {@code expected}: another node may have wrapped it first. */
    @Query("UPDATE server_key SET material = :replacement WHERE purpose = :purpose AND material = :expected")
    long swapMaterial(String purpose, String expected, String replacement);

    @Query("SELECT material FROM server_key WHERE purpose = :purpose")
    Optional<String> findMaterial(String purpose);
}
