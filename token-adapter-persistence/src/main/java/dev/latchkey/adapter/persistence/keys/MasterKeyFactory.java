package dev.latchkey.adapter.persistence.keys;

import dev.latchkey.adapter.persistence.EmbeddedStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the master key comes from, in this order: {@code latchkey.master-key} ({@code LATCHKEY_MASTER_KEY}); the file
 * named by {@code latchkey.master-key-file}; for the embedded H2 store only, a file generated on first start beside
 * its data directory, readable by the owner alone. A shared database (PostgreSQL) has several nodes that must all hold
 * the same key, so there it must be given: the service refuses to start without it.
 */
@Factory
class MasterKeyFactory {

    static final String KEY_FILE_NAME = "latchkey-master.key";
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyFactory.class);

    @Singleton
    MasterKeys masterKeys(@Nullable @Value("${latchkey.master-key:}") String configured,
                          @Nullable @Value("${latchkey.master-key-file:}") String file,
                          @Nullable @Value("${latchkey.previous-master-keys:}") String previous,
                          @Value("${datasources.default.url:}") String datasourceUrl) {
        return new MasterKeys(current(configured, file, datasourceUrl), previous(previous));
    }

    /** The file the master key is kept in, if it is kept in one: for a backup that asks for a copy of it. */
    @Singleton
    MasterKeyFile masterKeyFile(@Nullable @Value("${latchkey.master-key:}") String configured,
                                @Nullable @Value("${latchkey.master-key-file:}") String file,
                                @Value("${datasources.default.url:}") String datasourceUrl) {
        return new MasterKeyFile(keptIn(configured, file, datasourceUrl));
    }

    /** Where {@link #masterKeys} reads the current key from, if from a file. */
    private static Optional<Path> keptIn(String configured, String file, String datasourceUrl) {
        if (configured != null && !configured.isBlank()) {
            return Optional.empty();
        }
        if (file != null && !file.isBlank()) {
            return Optional.of(Path.of(file));
        }
        return EmbeddedStore.dataDirectory(datasourceUrl)
                .map(directory -> directory.toAbsolutePath().normalize().resolveSibling(KEY_FILE_NAME));
    }

    private static MasterKey current(String configured, String file, String datasourceUrl) {
        if (configured != null && !configured.isBlank()) {
            return MasterKey.parse(configured, "latchkey.master-key");
        }
        if (file != null && !file.isBlank()) {
            return read(Path.of(file));
        }
        if (datasourceUrl.startsWith("jdbc:h2:mem:")) {
            // Nothing outlives the process, so neither need the key.
            return MasterKey.generate();
        }
        return keptIn(configured, file, datasourceUrl).map(MasterKeyFactory::readOrCreate)
                .orElseThrow(() -> new IllegalStateException("Set LATCHKEY_MASTER_KEY (32 random bytes in base64, "
                        + "for example from: openssl rand -base64 32), the same on every node, or point "
                        + "latchkey.master-key-file at a file holding it. Keys kept in a shared database are "
                        + "encrypted under it; see docs/operations.md."));
    }

    private static List<MasterKey> previous(String previous) {
        if (previous == null || previous.isBlank()) {
            return List.of();
        }
        return Arrays.stream(previous.split(",")).map(String::strip).filter(entry -> !entry.isEmpty())
                .map(entry -> MasterKey.parse(entry, "latchkey.previous-master-keys")).toList();
    }

    private static MasterKey read(Path file) {
        try {
            return MasterKey.parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("The master key file " + file + " cannot be read", unreadable);
        }
    }

    private static MasterKey readOrCreate(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        MasterKey generated = MasterKey.generate();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(EmbeddedStore.createOwnerOnly(file), generated.encoded() + "\n",
                    StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException anotherStartWonTheRace) {
            return read(file);
        } catch (IOException unwritable) {
            throw new UncheckedIOException("The master key file " + file + " cannot be created", unwritable);
        }
        LOG.warn("Generated the master key {} at {} (mode 0600). Keys in the database are encrypted under it: back "
                + "it up apart from the data, which is useless without it.", generated.id(), file);
        return generated;
    }
}
