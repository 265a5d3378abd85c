package dev.latchkey.adapter.persistence.accounts;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccountRepository extends GenericRepository<AccountRow, UUID> {

    AccountRow save(AccountRow row);

    AccountRow update(AccountRow row);

    Optional<AccountRow> findById(UUID id);

    /** By {@link dev.latchkey.domain.Username#canonical()}: usernames are one account whatever their case. */
    Optional<AccountRow> findByUsernameKey(String usernameKey);

    long count();
}
