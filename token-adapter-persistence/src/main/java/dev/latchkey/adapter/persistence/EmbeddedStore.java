package dev.latchkey.adapter.persistence;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Facts about the embedded H2 store's files, read from its JDBC URL. */
public final class EmbeddedStore {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private EmbeddedStore() {
    }

    /** The directory of an H2 file database ({@code jdbc:h2:file:./data/latchkey;...} gives {@code ./data}). */
    public static Optional<Path> dataDirectory(String url) {
        return database(url).map(Path::getParent);
    }

    /**
     * The file of an H2 file database ({@code jdbc:h2:file:./data/latchkey;...} gives {@code ./data/latchkey.mv.db}),
     * which H2 makes when the database is first opened.
     */
    public static Optional<Path> databaseFile(String url) {
        return database(url).map(database -> database.resolveSibling(database.getFileName() + ".mv.db"));
    }

    /** The database's path without H2's suffix, absolute; none for a database that is no file of this host. */
    private static Optional<Path> database(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
                || url.startsWith("jdbc:h2:ssl:")) {
            return Optional.empty();
        }
        String path = url.substring("jdbc:h2:".length());
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        int options = path.indexOf(';');
        path = options < 0 ? path : path.substring(0, options);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        Path database = Path.of(path).toAbsolutePath().normalize();
        return database.getParent() == null ? Optional.empty() : Optional.of(database);
    }

    /** Creates {@code file}, readable and writable by the owner alone from its first byte. */
    public static Path createOwnerOnly(Path file) throws IOException {
        return posix() ? Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createFile(file);
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
