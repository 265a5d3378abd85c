package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.wire.FileFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate-store", mixinStandardHelpOptions = true,
        description = {"Copy everything in this store into another, empty one (H2 to PostgreSQL, typically): an "
                + "export, an import, and a check that the other store then holds exactly the records this one "
                + "wrote, kind by kind.",
                "Stop the service first on H2. Start it afterwards on the other store with the same master key: "
                        + "every token, password and client secret works there as before."})
final class MigrateStoreCommand extends StoreCommand implements Runnable {

    @Option(names = "--to", required = true, paramLabel = "JDBC_URL",
            description = "the other store, such as jdbc:postgresql://db.internal:5432/latchkey; migrated to this "
                    + "version's schema first if it is empty")
    String to;
    @Option(names = "--user", required = true, description = "the other store's user")
    String user;
    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "a file holding the other store's password ('-': standard input); never the password as"
                    + " an argument, which the process list shows")
    String passwordFile;
    @Option(names = "--with-audit", description = "with the audit trail")
    boolean withAudit;

    @Override
    public void run() {
        if (!to.startsWith("jdbc:postgresql:") && !to.startsWith("jdbc:h2:")) {
            throw refused("--to: Latchkey stores its data in PostgreSQL or H2; give a JDBC URL of one, such as "
                    + "jdbc:postgresql://db.internal:5432/latchkey");
        }
        String password = secretFrom("--password-file", passwordFile);
        Path work;
        try {
            work = Files.createTempDirectory("latchkey-migrate-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException failed) {
            throw refused("cannot make a working directory: " + FileFailures.reason(failed));
        }
        try {
            Path exported = work.resolve("this-store.jsonl");
            ExportCommand.write(useCases().moveStore(), useCases().clock().instant(), exported, withAudit,
                    Optional.empty());
            MoveStoreUseCase target = useCases().moveStoreOn(to, user, password);
            ImportCommand.load(target, exported, false);
            Path readBack = work.resolve("other-store.jsonl");
            ExportCommand.write(target, useCases().clock().instant(), readBack, withAudit, Optional.empty());
            Map<String, String> here = ArchiveFile.digests(exported);
            Map<String, String> there = ArchiveFile.digests(readBack);
            if (!here.equals(there)) {
                throw refused("the other store does not hold what this one wrote (kinds that differ: "
                        + differing(here, there) + "); do not start the service on it");
            }
            List<List<String>> rows = new ArrayList<>();
            here.forEach((kind, digest) -> rows.add(List.of(kind, digest.substring(0, digest.indexOf(':')),
                    "same")));
            table(List.of("KIND", "RECORDS", "IN THE OTHER STORE"), rows);
        } finally {
            deleteTree(work);
        }
    }

    private static String differing(Map<String, String> here, Map<String, String> there) {
        List<String> kinds = new ArrayList<>();
        here.keySet().stream().filter(kind -> !here.get(kind).equals(there.get(kind))).forEach(kinds::add);
        there.keySet().stream().filter(kind -> !here.containsKey(kind)).forEach(kinds::add);
        return String.join(", ", kinds);
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A file left in a directory only its owner may read.
                }
            });
        } catch (IOException ignored) {
            // As above.
        }
    }
}
