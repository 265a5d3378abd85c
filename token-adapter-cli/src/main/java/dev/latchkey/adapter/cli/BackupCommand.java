package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.out.StoreBackupPort;
import dev.latchkey.application.port.out.StoreBackupPort.Backup;
import dev.latchkey.wire.FileFailures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Take a consistent copy of the embedded H2 store into a directory (H2's BACKUP TO, a zip).",
                "While the service runs, which holds the store, the service takes the backup, asked through its "
                        + "socket in the data directory. PostgreSQL is backed up with its own tools (pg_dump, "
                        + "pg_basebackup); see docs/operations.md."})
final class BackupCommand extends StoreCommand implements Runnable {

    @Option(names = "--to", required = true, paramLabel = "DIR",
            description = "the directory to write the backup in, made owner-only if it does not exist")
    Path to;
    @Option(names = "--with-master-key",
            description = "also copy the master key's file there. The copy and the key together open every key in "
                    + "the store: keep them apart (another medium, another place)")
    boolean withMasterKey;

    @Override
    public void run() {
        Optional<Backup> taken;
        try {
            taken = useCases().backUpStore().backUp(operator(), to, withMasterKey);
        } catch (StoreBackupPort.NoMasterKeyFileException noFile) {
            throw refused(noFile.getMessage());
        } catch (StoreBackupPort.BackupNotWrittenException notWritten) {
            throw refused("cannot write the backup in " + to + ": " + FileFailures.reason(notWritten.failure()));
        }
        Backup backup = taken.orElseThrow(() -> refused("the store is PostgreSQL: back it up with pg_dump or "
                + "pg_basebackup, and keep the master key apart (docs/operations.md)"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("store", backup.file().toString(), String.valueOf(backup.bytes())));
        backup.masterKeyCopy().ifPresent(key -> rows.add(List.of("master key", key.toString(), "-")));
        table(List.of("WHAT", "FILE", "BYTES"), rows);
        if (backup.masterKeyCopy().isPresent()) {
            spec.commandLine().getErr().println("latchkey: warning: the backup and the master key are side by side "
                    + "in " + to + ": together they open every key in the store. Move the key elsewhere.");
            spec.commandLine().getErr().flush();
        }
    }
}
