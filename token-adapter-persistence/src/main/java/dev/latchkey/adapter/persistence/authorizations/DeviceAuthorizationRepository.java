package dev.latchkey.adapter.persistence.authorizations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeviceAuthorizationRepository extends GenericRepository<DeviceAuthorizationRow, String> {

    DeviceAuthorizationRow save(DeviceAuthorizationRow row);

    Optional<DeviceAuthorizationRow> findById(String deviceCodeHash);

    Optional<DeviceAuthorizationRow> findByUserCodeHash(String userCodeHash);

    /** The write of a poll or a decision, made only over the state and the last poll it read. */
    @Query("UPDATE device_authorization SET interval_seconds = :intervalSeconds, last_polled_at = :lastPolledAt, "
            + "state = :state, account_id = :accountId WHERE device_code_hash = :deviceCodeHash "
            + "AND state = :readState AND last_polled_at = :readLastPolledAt")
    long replace(String deviceCodeHash, int intervalSeconds, @Nullable Instant lastPolledAt, String state,
                 @Nullable UUID accountId, String readState, Instant readLastPolledAt);

    /** As {@link #replace}, over a request the device had not polled yet. */
    @Query("UPDATE device_authorization SET interval_seconds = :intervalSeconds, last_polled_at = :lastPolledAt, "
            + "state = :state, account_id = :accountId WHERE device_code_hash = :deviceCodeHash "
            + "AND state = :readState AND last_polled_at IS NULL")
    long replaceNeverPolled(String deviceCodeHash, int intervalSeconds, @Nullable Instant lastPolledAt, String state,
                            @Nullable UUID accountId, String readState);

    @Query("DELETE FROM device_authorization WHERE expires_at < :before")
    long deleteExpiredBefore(Instant before);
}
