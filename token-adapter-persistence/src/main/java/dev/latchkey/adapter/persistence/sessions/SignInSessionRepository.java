package dev.latchkey.adapter.persistence.sessions;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SignInSessionRepository extends GenericRepository<SignInSessionRow, String> {

    SignInSessionRow save(SignInSessionRow row);

    Optional<SignInSessionRow> findById(String idHash);

    @Query("UPDATE sign_in_session SET last_seen_at = :at WHERE id_hash = :idHash AND last_seen_at < :at")
    long recordSeen(String idHash, Instant at);

    @Query("DELETE FROM sign_in_session WHERE id_hash = :idHash")
    long delete(String idHash);

    @Query("DELETE FROM sign_in_session WHERE account_id = :accountId")
    long deleteByAccount(UUID accountId);

    @Query("DELETE FROM sign_in_session WHERE last_seen_at <= :idleBefore OR signed_in_at <= :signedInBefore")
    long deleteEnded(Instant idleBefore, Instant signedInBefore);
}
