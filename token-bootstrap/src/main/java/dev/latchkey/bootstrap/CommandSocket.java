package dev.latchkey.bootstrap;

import dev.latchkey.adapter.cli.Refusal;
import dev.latchkey.adapter.persistence.EmbeddedStore;
import dev.latchkey.application.port.in.BackUpStoreUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.out.StoreBackupPort.Backup;
import dev.latchkey.application.port.out.StoreBackupPort.BackupNotWrittenException;
import dev.latchkey.application.port.out.StoreBackupPort.NoMasterKeyFileException;
import dev.latchkey.wire.FileFailures;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the command line reaches a service that holds the embedded store: H2 is one process's at a time, so while the
 * service runs, {@code latchkey backup} asks it, through a Unix socket in the store's data directory, to take the
 * backup itself (H2's {@code BACKUP TO}, online and consistent). The socket is the owner's alone, in a directory that
 * is the owner's alone: whoever can reach it can read the store's files anyway. It takes one request, a backup, and no
 * other; PostgreSQL, which commands open beside the service, has none.
 */
@Singleton
@Requires(notEnv = "cli")
final class CommandSocket implements ApplicationEventListener<StartupEvent> {

    static final String FILE_NAME = "latchkey.sock";
    private static final Logger LOG = LoggerFactory.getLogger(CommandSocket.class);
    /** A request is a few short lines; more is not one. */
    private static final int LARGEST_REQUEST = 16 * 1024;

    private final BackUpStoreUseCase backups;
    private final Optional<Path> path;
    private volatile ServerSocketChannel listening;

    CommandSocket(BackUpStoreUseCase backups, @Value("${datasources.default.url:}") String datasourceUrl) {
        this.backups = backups;
        this.path = of(datasourceUrl);
    }

    /** Where the service that holds this store listens: beside its files; none for a store of another kind. */
    static Optional<Path> of(String datasourceUrl) {
        return EmbeddedStore.dataDirectory(datasourceUrl).map(directory -> directory.resolve(FILE_NAME));
    }

    @Override
    public void onApplicationEvent(StartupEvent started) {
        if (path.isEmpty() || !Files.isDirectory(path.get().getParent())) {
            return;
        }
        Path socket = path.get();
        try {
            // Left by a service that was killed: the store's lock, which this service holds, says none other runs.
            Files.deleteIfExists(socket);
            listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listening.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unavailable) {
            // A path too long for a socket, or a file system without them: commands then need the service stopped.
            LOG.warn("No command socket at {} ({}): latchkey backup needs the service stopped, or POST "
                    + "/api/v1/admin/backups", socket, unavailable.getMessage());
            close();
            return;
        }
        Thread serving = new Thread(this::serve, "latchkey-command-socket");
        serving.setDaemon(true);
        serving.start();
    }

    private void serve() {
        while (listening != null && listening.isOpen()) {
            try (SocketChannel caller = listening.accept()) {
                Properties answer;
                try {
                    answer = answer(read(Channels.newInputStream(caller)));
                } catch (RuntimeException failed) {
                    LOG.warn("A backup asked for through the command socket failed", failed);
                    answer = new Properties();
                    answer.setProperty("outcome", "failed");
                    answer.setProperty("reason", String.valueOf(failed.getMessage()));
                }
                caller.write(ByteBuffer.wrap(text(answer).getBytes(StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException callerGone) {
                if (listening == null || !listening.isOpen()) {
                    return;
                }
                LOG.debug("A command socket connection ended early", callerGone);
            }
        }
    }

    private Properties answer(Properties request) {
        Properties answer = new Properties();
        if (!"backup".equals(request.getProperty("command")) || request.getProperty("to") == null) {
            answer.setProperty("outcome", "failed");
            answer.setProperty("reason", "the service's command socket takes a backup and nothing else");
            return answer;
        }
        Path to = Path.of(request.getProperty("to"));
        try {
            Optional<Backup> taken = backups.backUp(Caller.operator(), to,
                    Boolean.parseBoolean(request.getProperty("withMasterKey")));
            answer.setProperty("outcome", "taken");
            answer.setProperty("file", taken.orElseThrow().file().toString());
            answer.setProperty("bytes", String.valueOf(taken.get().bytes()));
            answer.setProperty("takenAt", taken.get().takenAt().toString());
            taken.get().masterKeyCopy().ifPresent(copy -> answer.setProperty("masterKeyCopy", copy.toString()));
        } catch (NoMasterKeyFileException noFile) {
            answer.setProperty("outcome", "no-master-key-file");
        } catch (BackupNotWrittenException notWritten) {
            answer.setProperty("outcome", "not-written");
            answer.setProperty("reason", FileFailures.reason(notWritten.failure()));
        }
        return answer;
    }

    @PreDestroy
    void close() {
        ServerSocketChannel open = listening;
        listening = null;
        if (open != null) {
            try {
                open.close();
                Files.deleteIfExists(path.orElseThrow());
            } catch (IOException ignored) {
                // A socket file left behind is removed by the next start.
            }
        }
    }

    private static Properties read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int count; (count = in.read(chunk)) > 0; ) {
            bytes.write(chunk, 0, count);
            if (bytes.size() > LARGEST_REQUEST) {
                throw new IllegalArgumentException("the request is larger than any backup request");
            }
        }
        Properties properties = new Properties();
        properties.load(new StringReader(bytes.toString(StandardCharsets.UTF_8)));
        return properties;
    }

    private static String text(Properties properties) {
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toString();
    }

    /**
     * The backup use case of the service that holds the store, reached through its socket: what the command line
     * uses when it cannot open the store itself.
     */
    static BackUpStoreUseCase client(Path socket) {
        return (caller, directory, withMasterKey) -> {
            Properties request = new Properties();
            request.setProperty("command", "backup");
            // The service runs in its own working directory.
            request.setProperty("to", directory.toAbsolutePath().normalize().toString());
            request.setProperty("withMasterKey", String.valueOf(withMasterKey));
            Properties answer;
            try (SocketChannel service = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                service.write(ByteBuffer.wrap(text(request).getBytes(StandardCharsets.UTF_8)));
                service.shutdownOutput();
                answer = new Properties();
                answer.load(new StringReader(new String(Channels.newInputStream(service).readAllBytes(),
                        StandardCharsets.UTF_8)));
            } catch (IOException unreachable) {
                throw new Refusal("the running service holds the store and does not answer on " + socket + ": "
                        + FileFailures.reason(unreachable) + "; stop it for the command, or use POST "
                        + "/api/v1/admin/backups");
            }
            return switch (answer.getProperty("outcome", "")) {
                case "taken" -> Optional.of(new Backup(Path.of(answer.getProperty("file")),
                        Long.parseLong(answer.getProperty("bytes")), Instant.parse(answer.getProperty("takenAt")),
                        Optional.ofNullable(answer.getProperty("masterKeyCopy")).map(Path::of)));
                case "no-master-key-file" -> throw new NoMasterKeyFileException();
                case "not-written" -> throw new BackupNotWrittenException(directory,
                        new IOException(answer.getProperty("reason")));
                default -> throw new Refusal("the running service could not take the backup: "
                        + answer.getProperty("reason", "no answer"));
            };
        };
    }
}
