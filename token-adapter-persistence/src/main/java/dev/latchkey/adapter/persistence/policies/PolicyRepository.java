package dev.latchkey.adapter.persistence.policies;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PolicyRepository extends GenericRepository<PolicyRow, String> {

    PolicyRow save(PolicyRow row);

    PolicyRow update(PolicyRow row);

    Optional<PolicyRow> findById(String scope);

    boolean existsById(String scope);

    @Query("SELECT * FROM token_policy ORDER BY scope")
    List<PolicyRow> findAllByScope();

    long deleteById(String scope);
}
