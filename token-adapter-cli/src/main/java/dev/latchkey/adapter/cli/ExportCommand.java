package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.application.port.out.StoreArchivePort.ArchiveRefusedException;
import dev.latchkey.wire.FileFailures;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write everything in the store to a file, as of one moment: accounts, partners, policies, "
                + "clients, tokens (their hashes, never their secrets), rotations, consents, signing and server keys "
                + "(wrapped by the master key), webhook endpoints, leak notices; the audit trail with --with-audit.",
                "The file is JSON Lines; `latchkey import` loads it into another store, H2 or PostgreSQL."})
final class ExportCommand extends StoreCommand implements Runnable {

    @Option(names = "--to", required = true, paramLabel = "FILE",
            description = "the file to write, which must not exist yet; readable by its owner only")
    Path to;
    @Option(names = "--with-audit", description = "with the audit trail")
    boolean withAudit;
    @Option(names = "--rewrap-for", paramLabel = "KEY_FILE",
            description = "a file holding the master key of the store the file is for ('-': standard input): the keys"
                    + " in the file are wrapped by that key, not this store's. Never the key itself as an argument:"
                    + " the process list shows arguments")
    String rewrapFor;

    @Override
    public void run() {
        if (Files.exists(to)) {
            throw refused(to + " exists already: export to a new file");
        }
        Optional<String> target = Optional.ofNullable(rewrapFor)
                .map(source -> secretFrom("--rewrap-for", source).strip());
        MoveStoreUseCase.Exported exported = write(useCases().moveStore(), useCases().clock().instant(), to,
                withAudit, target);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> count : exported.counts().entrySet()) {
            rows.add(List.of(count.getKey(), String.valueOf(count.getValue())));
        }
        table(List.of("KIND", "RECORDS"), rows);
    }

    /**
     * Writes the store to {@code to}, readable by its owner only, under a {@code .partial} name until it is whole.
     * Shared with {@code migrate-store}, which exports the same way.
     */
    static MoveStoreUseCase.Exported write(MoveStoreUseCase moves, java.time.Instant now, Path to, boolean withAudit,
                                           Optional<String> rewrapFor) {
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        Progress progress = Progress.onTerminal("exported");
        MoveStoreUseCase.Exported exported;
        try {
            createOwnerOnly(partial);
            try (ArchiveFile.Writer file = new ArchiveFile.Writer(partial, new ArchiveFile.Header(
                    ArchiveFile.FORMAT_VERSION, moves.schemaVersion(operator()), now, withAudit))) {
                exported = moves.export(new MoveStoreUseCase.ExportRequest(operator(), withAudit, rewrapFor),
                        record -> {
                            file.write(record);
                            progress.count(file.records());
                        });
            }
            moveInPlace(partial, to);
        } catch (ArchiveRefusedException refusal) {
            deleteQuietly(partial);
            throw refused(refusal.getMessage());
        } catch (RuntimeException failed) {
            deleteQuietly(partial);
            throw failed;
        }
        progress.done();
        return exported;
    }

    private static void createOwnerOnly(Path file) {
        try {
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            throw refused(file + " appeared while exporting");
        } catch (IOException failed) {
            throw refused("cannot write " + file + ": " + FileFailures.reason(failed));
        }
    }

    /** The finished file takes its name only once whole, so no reader sees a file that is still being written. */
    private static void moveInPlace(Path partial, Path finished) {
        try {
            try {
                Files.move(partial, finished, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException elsewhere) {
                Files.move(partial, finished);
            }
        } catch (IOException failed) {
            throw refused("cannot write " + finished + ": " + FileFailures.reason(failed));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // What is left is named .partial, and an import refuses it for want of its last line.
        }
    }
}
