package dev.latchkey.adapter.persistence.limits;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface LoginAllowanceRepository extends GenericRepository<LoginAllowanceRow, String> {

    @Query("SELECT * FROM login_allowance WHERE username_hash = :usernameHash")
    Optional<LoginAllowanceRow> find(String usernameHash);

    /** 1 when inserted; 0 when another node inserted the row first, whose state must then be read and swapped. */
    @Query("INSERT INTO login_allowance (username_hash, state, refilled_at) VALUES (:usernameHash, :state, :refilledAt) "
            + "ON CONFLICT DO NOTHING")
    long insertIfAbsent(String usernameHash, byte[] state, Instant refilledAt);

    /** 1 when the row still held {@code expected}; 0 when another node changed it in between. */
    @Query("UPDATE login_allowance SET state = :replacement, refilled_at = :refilledAt "
            + "WHERE username_hash = :usernameHash AND state = :expected")
    long swap(String usernameHash, byte[] expected, byte[] replacement, Instant refilledAt);

    @Query("DELETE FROM login_allowance WHERE username_hash = :usernameHash")
    long delete(String usernameHash);

    @Query("DELETE FROM login_allowance WHERE refilled_at < :before")
    long deleteRefilledBefore(Instant before);
}
