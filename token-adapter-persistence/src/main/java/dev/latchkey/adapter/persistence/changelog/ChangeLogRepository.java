package dev.latchkey.adapter.persistence.changelog;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ChangeLogRepository extends GenericRepository<ChangeRow, Long> {

    /**
     * Reserves {@code count} numbers. The row lock it takes is held until the transaction ends, which is what makes
     * numbers commit in order.
     */
    @Query("UPDATE change_log_head SET last_seq = last_seq + :count WHERE id = 1")
    long reserve(long count);

    @Query("SELECT last_seq FROM change_log_head WHERE id = 1")
    Long lastSeq();

    <S extends ChangeRow> List<S> saveAll(Iterable<S> rows);

    @Query("DELETE FROM change_log WHERE recorded_at < :before")
    long deleteRecordedBefore(Instant before);
}
