package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.application.port.out.StoreArchivePort.ArchiveRefusedException;
import dev.latchkey.application.port.out.StoreArchivePort.StoreRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load a file written by `latchkey export` into this store, in one transaction per thousand "
                + "records. The file is read through first: one cut short, altered, or of a newer format is refused "
                + "before anything is written.",
                "The store must be empty (the service not started on it yet) unless --merge is given; records it "
                        + "holds already (by id) are left as they are, so importing a file twice loads it once. Start "
                        + "the service with the master key the file's keys are wrapped by."})
final class ImportCommand extends StoreCommand implements Runnable {

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "a file written by export")
    Path from;
    @Option(names = "--merge", description = "add what the store does not hold yet to a store that holds records")
    boolean merge;

    /** An import into a new embedded store makes it: the way back to H2, or a restore from a file. */
    @Override
    boolean mayMakeTheStore() {
        return true;
    }

    @Override
    public void run() {
        MoveStoreUseCase.Imported imported = load(useCases().moveStore(), from, merge);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> read : imported.read().entrySet()) {
            rows.add(List.of(read.getKey(), String.valueOf(read.getValue()),
                    String.valueOf(imported.written().getOrDefault(read.getKey(), 0L))));
        }
        table(List.of("KIND", "RECORDS", "WRITTEN"), rows);
    }

    /** Checks that the file is whole, then loads it. Shared with {@code migrate-store}. */
    static MoveStoreUseCase.Imported load(MoveStoreUseCase moves, Path from, boolean merge) {
        ArchiveFile.Header header = ArchiveFile.verify(from);
        Progress progress = Progress.onTerminal("imported");
        MoveStoreUseCase.Imported imported;
        try {
            imported = moves.importRecords(new MoveStoreUseCase.ImportRequest(operator(), header.schemaVersion(),
                    merge), () -> counted(ArchiveFile.records(from), progress));
        } catch (ArchiveRefusedException refusal) {
            throw refused(refusal.getMessage());
        }
        progress.done();
        return imported;
    }

    private static Iterator<StoreRecord> counted(Iterator<StoreRecord> records, Progress progress) {
        return new Iterator<>() {
            private long count;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public StoreRecord next() {
                StoreRecord next = records.next();
                progress.count(++count);
                return next;
            }
        };
    }
}
