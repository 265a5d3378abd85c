package dev.latchkey.adapter.persistence.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.adapter.persistence.TestDatabase;
import dev.latchkey.application.port.out.StoreArchivePort;
import dev.latchkey.domain.Account;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An export streams: a million tokens in an H2 file store are read out with no more heap than a few thousand need.
 * The heap in use after a full collection is sampled every 100,000 records; its growth over the export's start is
 * printed (for the record) and bounded.
 */
class MillionTokenExportTest extends StoreContract {

    private static final int TOKENS = Integer.getInteger("million.tokens", 1_000_000);
    private static final long MIB = 1024 * 1024;

    @Override
    protected TestDatabase database() {
        return new TestDatabase() {
            private Path directory;

            @Override
            public Map<String, Object> start() {
                try {
                    directory = Files.createTempDirectory("latchkey-million");
                } catch (java.io.IOException failed) {
                    throw new java.io.UncheckedIOException(failed);
                }
                return Map.of("datasources.default.url", "jdbc:h2:file:" + directory.resolve("latchkey")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=16384",
                        "datasources.default.username", "sa", "datasources.default.password", "");
            }

            @Override
            public void close() throws Exception {
                try (var files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        };
    }

    private static long heapAfterCollection(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void aMillionTokensExportInBoundedMemory() throws Exception {
        Account owner = newAccount();
        DataSource pool = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO token (id, owner_id, kind,"
                     + " description, scopes, secret_hash, created_at) SELECT"
                     // Keys in ascending order, so that the rows are appended rather than scattered: only the export
                     // is under test, and random keys made the inserts take minutes.
                     + " CAST('00000000-0000-7000-8000-' || LPAD(CAST(\"X\" + ? AS VARCHAR), 12, '0') AS UUID), ?,"
                     + " 'PERSONAL', 'bulk', '', LPAD(CAST(\"X\" + ? AS VARCHAR), 64, '0'), CURRENT_TIMESTAMP"
                     + " FROM SYSTEM_RANGE(1, ?)")) {
            // In commits of 50,000: H2 keeps a transaction's rows apart until it commits, which slows a large one.
            connection.setAutoCommit(true);
            for (int added = 0; added < TOKENS; added += 50_000) {
                insert.setInt(1, added);
                insert.setObject(2, owner.id().value());
                insert.setInt(3, added);
                insert.setInt(4, Math.min(50_000, TOKENS - added));
                insert.executeUpdate();
            }
        }
        long inserted = System.nanoTime();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = heapAfterCollection(memory);
        AtomicLong tokens = new AtomicLong();
        AtomicLong highest = new AtomicLong(before);

        context.getBean(StoreArchivePort.class).read(false, Optional.empty(), record -> {
            if (record.kind().equals("token") && tokens.incrementAndGet() % 100_000 == 0) {
                highest.accumulateAndGet(heapAfterCollection(memory), Math::max);
            }
        });

        long growth = highest.get() - before;
        System.out.printf("export took %d s%n", (System.nanoTime() - inserted) / 1_000_000_000L);
        System.out.printf("export of %,d tokens: heap in use after a collection %d MiB before, at most %d MiB during "
                + "(+%d MiB)%n", tokens.get(), before / MIB, highest.get() / MIB, growth / MIB);
        assertThat(tokens.get()).isEqualTo(TOKENS);
        // A page of records and H2's page cache (16 MiB here), not a million tokens (about 1 GB as records).
        assertThat(growth).isLessThan(48 * MIB);
    }
}
