package dev.latchkey.application.port.out;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An online, consistent copy of the store, where the store can make one of itself: the embedded H2 store can, while
 * it serves. A database server is backed up with its own tools (PostgreSQL: {@code pg_dump}, {@code pg_basebackup}
 * and point-in-time recovery), which this port does not replace.
 */
public interface StoreBackupPort {

    /**
     * Writes a copy of the store to a new file in {@code directory} (made, owner-only, if it does not exist), and
     * beside it a copy of the master key's file if {@code withMasterKey}; empty if this store makes no copies.
     */
    Optional<Backup> backUp(Path directory, boolean withMasterKey);

    /** The copy, its size, when it was taken, and where the master key was copied to, if asked. */
    record Backup(Path file, long bytes, Instant takenAt, Optional<Path> masterKeyCopy) {
        public Backup {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(takenAt, "takenAt");
            Objects.requireNonNull(masterKeyCopy, "masterKeyCopy");
        }
    }

    /** A copy of the master key was asked for where the key is no file (it was given as a setting). */
    final class NoMasterKeyFileException extends RuntimeException {
        public NoMasterKeyFileException() {
            super("the master key is given as a setting (LATCHKEY_MASTER_KEY), not kept in a file: keep it where you "
                    + "keep that setting");
        }
    }

    /**
     * The copy could not be written where it was to go: a directory that cannot be made or written, a disk that is
     * full. The operator's to fix; {@link #failure()} is what the file system answered (an {@code IOException}).
     */
    final class BackupNotWrittenException extends RuntimeException {
        private final Path directory;

        public BackupNotWrittenException(Path directory, Exception failure) {
            super("the backup could not be written in " + directory, Objects.requireNonNull(failure, "failure"));
            this.directory = directory;
        }

        /** Where the copy was to go. */
        public Path directory() {
            return directory;
        }

        /** What the file system answered. */
        public Exception failure() {
            return (Exception) getCause();
        }
    }
}
