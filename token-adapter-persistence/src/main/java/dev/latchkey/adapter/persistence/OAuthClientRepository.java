package dev.latchkey.adapter.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OAuthClientRepository extends GenericRepository<OAuthClientRow, String> {

    OAuthClientRow save(OAuthClientRow row);

    Optional<OAuthClientRow> findById(String id);
}
