package dev.latchkey.adapter.persistence;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded store's data directory the owner's alone ({@code 0700}) and its files {@code 0600}. H2 creates
 * them with the process's umask, commonly world-readable; the launcher also sets {@code umask 077}, and this corrects
 * a store started some other way, or created by an older version.
 */
@Singleton
class EmbeddedStorePermissions implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStorePermissions.class);

    private final String datasourceUrl;

    EmbeddedStorePermissions(@Value("${datasources.default.url:}") String datasourceUrl) {
        this.datasourceUrl = datasourceUrl;
    }

    @Override
    public void onApplicationEvent(StartupEvent started) {
        if (!EmbeddedStore.posix()) {
            return;
        }
        EmbeddedStore.dataDirectory(datasourceUrl).filter(Files::isDirectory).ifPresent(directory -> {
            try {
                Files.setPosixFilePermissions(directory, EmbeddedStore.OWNER_ONLY_DIRECTORY);
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(file)) {
                            Files.setPosixFilePermissions(file, EmbeddedStore.OWNER_ONLY_FILE);
                        }
                    }
                }
            } catch (IOException notOurs) {
                throw new UncheckedIOException("Cannot restrict the data directory " + directory
                        + " to its owner", notOurs);
            }
            LOG.debug("Data directory {} restricted to its owner", directory);
        });
    }
}
