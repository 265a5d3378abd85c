package dev.latchkey.adapter.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.flyway.DataSourceMigrationRunner;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Flyway only when the store lacks the newest migration. Every start after the first finds the schema current,
 * and one indexed read says so; Flyway itself (loading, scanning the jar for migrations, validating each against the
 * history) cost about half a second of every start, measured on an existing store, on the path to the first response.
 *
 * <p>What is given up on a current store is Flyway's check that applied migrations were not edited since; any start
 * that migrates still makes it, and a released migration is never edited (ADR 12).
 */
@Singleton
// Not final: the runner it replaces carries advice (an asynchronous migration option), which needs a proxy.
@Replaces(DataSourceMigrationRunner.class)
class MigrationsWhenBehind extends DataSourceMigrationRunner {

    /** The version of the newest file under {@code db/migration}; {@code MigrationsWhenBehindTest} keeps it true. */
    static final String NEWEST_MIGRATION = "24";

    private static final Logger LOG = LoggerFactory.getLogger(MigrationsWhenBehind.class);
    private static final String APPLIED = "SELECT 1 FROM flyway_schema_history WHERE version = ? AND success";

    private final DataSourceResolver dataSources;

    MigrationsWhenBehind(ApplicationContext context, ApplicationEventPublisher<?> events, DataSourceResolver resolver) {
        super(context, events, resolver);
        this.dataSources = resolver;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        // The pool itself, not a wrapper another listener may have put around it: a wrapper's connections come from
        // beans that need this very data source, still being created.
        if (hasNewestMigration(dataSources.resolve(event.getBean()))) {
            LOG.debug("The schema holds migration {}: Flyway is not run", NEWEST_MIGRATION);
            return event.getBean();
        }
        return super.onCreated(event);
    }

    static boolean hasNewestMigration(DataSource store) {
        try (Connection connection = store.getConnection();
             PreparedStatement applied = connection.prepareStatement(APPLIED)) {
            applied.setString(1, NEWEST_MIGRATION);
            try (ResultSet row = applied.executeQuery()) {
                return row.next();
            }
        } catch (SQLException noHistoryYet) {
            // A new store has no history table: Flyway creates it. Any other failure is Flyway's to report as well.
            return false;
        }
    }
}
