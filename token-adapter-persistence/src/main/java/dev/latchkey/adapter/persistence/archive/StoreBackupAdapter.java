package dev.latchkey.adapter.persistence.archive;

import dev.latchkey.adapter.persistence.EmbeddedStore;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.keys.MasterKeyFile;
import dev.latchkey.application.port.out.StoreBackupPort;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Copies of the embedded H2 store, taken with H2's {@code BACKUP TO} while it serves: a consistent snapshot of the
 * database file in a zip, written as the store's own transactions go on. PostgreSQL makes none here.
 */
@Singleton
@TranslatesStoreFailures
class StoreBackupAdapter implements StoreBackupPort {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final DataSource pool;
    private final MasterKeyFile masterKey;

    StoreBackupAdapter(DataSource dataSource, MasterKeyFile masterKey) {
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.masterKey = masterKey;
    }

    @Override
    public Optional<Backup> backUp(Path directory, boolean withMasterKey) {
        Optional<Path> keyFile = masterKey.path();
        if (withMasterKey && keyFile.isEmpty()) {
            throw new NoMasterKeyFileException();
        }
        try (Connection connection = pool.getConnection()) {
            if (Statements.isPostgres(connection)) {
                return Optional.empty();
            }
            Path into = ownerOnlyDirectory(directory);
            Instant takenAt = Instant.now();
            Path file = newFile(into, "latchkey-backup-" + STAMP.format(takenAt), ".zip");
            try (Statement backup = connection.createStatement()) {
                backup.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
            }
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Optional<Path> keyCopy = Optional.empty();
            if (withMasterKey) {
                Path copy = newFile(into, "latchkey-master-" + STAMP.format(takenAt), ".key");
                Files.write(EmbeddedStore.createOwnerOnly(copy), Files.readAllBytes(keyFile.get()));
                keyCopy = Optional.of(copy);
            }
            return Optional.of(new Backup(file, Files.size(file), takenAt, keyCopy));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not back the store up", failed);
        } catch (IOException failed) {
            throw new UncheckedIOException("could not write the backup in " + directory, failed);
        }
    }

    private static Path ownerOnlyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        return directory;
    }

    /** A name no file has yet: two backups in one second get {@code -2}, {@code -3}. */
    private static Path newFile(Path directory, String stem, String extension) {
        Path file = directory.resolve(stem + extension);
        for (int copy = 2; Files.exists(file); copy++) {
            file = directory.resolve(stem + "-" + copy + extension);
        }
        return file;
    }
}
