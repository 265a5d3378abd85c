package dev.latchkey.adapter.persistence.archive;

import dev.latchkey.adapter.persistence.EmbeddedStore;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.keys.MasterKeyFile;
import dev.latchkey.application.port.out.StoreBackupPort;
import dev.latchkey.application.port.out.StoreBackupPort.BackupNotWrittenException;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
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
            Instant takenAt = Instant.now();
            Path file = reserved(ownerOnlyDirectory(directory), "latchkey-backup-" + STAMP.format(takenAt), ".zip");
            try (Statement backup = connection.createStatement()) {
                backup.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
            } catch (SQLException failed) {
                Files.deleteIfExists(file);
                throw ioCauseOf(failed).<RuntimeException>map(io -> new BackupNotWrittenException(directory, io))
                        .orElseGet(() -> new IllegalStateException("could not back the store up", failed));
            }
            Optional<Path> keyCopy = Optional.empty();
            if (withMasterKey) {
                Path copy = reserved(directory, "latchkey-master-" + STAMP.format(takenAt), ".key");
                try {
                    Files.write(copy, Files.readAllBytes(keyFile.get()));
                } catch (IOException failed) {
                    // Asked for together, they are there together or not at all.
                    Files.deleteIfExists(copy);
                    Files.deleteIfExists(file);
                    throw failed;
                }
                keyCopy = Optional.of(copy);
            }
            return Optional.of(new Backup(file, Files.size(file), takenAt, keyCopy));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not back the store up", failed);
        } catch (IOException failed) {
            throw new BackupNotWrittenException(directory, failed);
        }
    }

    /** H2 reports a file it cannot write as its own exception, with the file system's answer inside. */
    private static Optional<IOException> ioCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    private static Path ownerOnlyDirectory(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        return directory;
    }

    /**
     * A new file, owner-only from its creation, named by the stem or, where two backups share a second, with
     * {@code -2}, {@code -3}: made here, so that two backups asked for at once never pick the same name.
     */
    private static Path reserved(Path directory, String stem, String extension) throws IOException {
        for (int copy = 1; ; copy++) {
            Path file = directory.resolve(stem + (copy == 1 ? "" : "-" + copy) + extension);
            try {
                return EmbeddedStore.createOwnerOnly(file);
            } catch (FileAlreadyExistsException taken) {
                // The next name.
            }
        }
    }
}
