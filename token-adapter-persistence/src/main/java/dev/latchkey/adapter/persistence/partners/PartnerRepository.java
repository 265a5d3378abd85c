package dev.latchkey.adapter.persistence.partners;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PartnerRepository extends GenericRepository<PartnerRow, Long> {

    PartnerRow save(PartnerRow row);

    PartnerRow update(PartnerRow row);

    Optional<PartnerRow> findById(Long id);

    @Query("SELECT * FROM partner ORDER BY id")
    List<PartnerRow> findAllById();
}
