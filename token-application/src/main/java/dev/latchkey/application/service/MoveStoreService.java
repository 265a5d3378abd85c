package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.application.port.out.StoreArchivePort;
import dev.latchkey.application.port.out.StoreArchivePort.ArchiveRefusedException;
import dev.latchkey.application.port.out.StoreArchivePort.StoreRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

final class MoveStoreService implements MoveStoreUseCase {

    /** Records per transaction on import: large enough to share commits, small enough to hold in memory. */
    static final int BATCH = 1_000;

    private final StoreArchivePort store;

    MoveStoreService(StoreArchivePort store) {
        this.store = store;
    }

    @Override
    public Exported export(ExportRequest request, Consumer<StoreRecord> sink) {
        request.caller().requireAdministrator();
        Map<String, Long> counts = new LinkedHashMap<>();
        store.read(request.withAudit(), request.rewrapFor(), each -> {
            counts.merge(each.kind(), 1L, Long::sum);
            sink.accept(each);
        });
        return new Exported(store.schemaVersion(), counts);
    }

    @Override
    public String schemaVersion(Caller caller) {
        caller.requireAdministrator();
        return store.schemaVersion();
    }

    @Override
    public Imported importRecords(ImportRequest request, Supplier<Iterator<StoreRecord>> records) {
        request.caller().requireAdministrator();
        String here = store.schemaVersion();
        if (!here.equals(request.schemaVersion())) {
            throw new ArchiveRefusedException("the file is of schema version " + request.schemaVersion()
                    + " and this store of version " + here + ": export and import with the same Latchkey version");
        }
        boolean wasEmpty = !store.holdsAnything();
        if (!wasEmpty && !request.merge()) {
            throw new ArchiveRefusedException("the store already holds records; import into an empty store, or give "
                    + "--merge to add what it does not hold");
        }
        Map<String, Long> read = new LinkedHashMap<>();
        Map<String, Long> written = new LinkedHashMap<>();
        try {
            store.beginLoading(wasEmpty);
            List<StoreRecord> batch = new ArrayList<>(BATCH);
            Iterator<StoreRecord> each = records.get();
            while (each.hasNext()) {
                StoreRecord next = each.next();
                read.merge(next.kind(), 1L, Long::sum);
                batch.add(next);
                if (batch.size() == BATCH) {
                    writeBatch(batch, written);
                }
            }
            writeBatch(batch, written);
            store.finishLoading();
        } catch (RuntimeException failed) {
            if (wasEmpty) {
                store.clear();
            }
            throw failed;
        }
        return new Imported(read, written);
    }

    private void writeBatch(List<StoreRecord> batch, Map<String, Long> written) {
        if (!batch.isEmpty()) {
            store.write(List.copyOf(batch)).forEach((kind, count) -> written.merge(kind, count, Long::sum));
            batch.clear();
        }
    }
}
