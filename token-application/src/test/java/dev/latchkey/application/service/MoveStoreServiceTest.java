package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.out.StoreArchivePort;
import dev.latchkey.application.port.out.StoreArchivePort.ArchiveRefusedException;
import dev.latchkey.application.port.out.StoreArchivePort.StoreRecord;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MoveStoreServiceTest {

    /** A store of records in memory, idempotent on (kind, id) as the real one is on primary keys. */
    private static final class RecordsInMemory implements StoreArchivePort {
        final Map<String, StoreRecord> stored = new LinkedHashMap<>();
        final List<Integer> batchSizes = new ArrayList<>();
        String version = "24";
        int failOnBatch = -1;
        boolean finished;
        Boolean begunEmpty;

        @Override
        public String schemaVersion() {
            return version;
        }

        @Override
        public boolean holdsAnything() {
            return !stored.isEmpty();
        }

        @Override
        public void read(boolean withAudit, Optional<String> rewrapFor, java.util.function.Consumer<StoreRecord> sink) {
            stored.values().stream().filter(each -> withAudit || !each.kind().equals("audit_event")).forEach(sink);
        }

        @Override
        public Map<String, Long> write(List<StoreRecord> batch) {
            batchSizes.add(batch.size());
            if (batchSizes.size() == failOnBatch) {
                throw new IllegalStateException("the store refused the batch");
            }
            Map<String, Long> written = new LinkedHashMap<>();
            for (StoreRecord each : batch) {
                if (stored.putIfAbsent(each.kind() + "/" + each.fields().get("id"), each) == null) {
                    written.merge(each.kind(), 1L, Long::sum);
                }
            }
            return written;
        }

        @Override
        public void beginLoading(boolean intoEmptyStore) {
            begunEmpty = intoEmptyStore;
        }

        @Override
        public void finishLoading() {
            finished = true;
        }

        @Override
        public void clear() {
            stored.clear();
        }
    }

    private final RecordsInMemory store = new RecordsInMemory();
    private final MoveStoreUseCase move = LatchkeyServices.moveStore(store);
    private final Caller operator = Caller.operator();

    private static StoreRecord record(String kind, Object id) {
        return new StoreRecord(kind, Map.of("id", id));
    }

    private static List<StoreRecord> accountsAndTokens(int accounts, int tokens) {
        List<StoreRecord> records = new ArrayList<>();
        IntStream.range(0, accounts).forEach(i -> records.add(record("account", "a" + i)));
        IntStream.range(0, tokens).forEach(i -> records.add(record("token", "t" + i)));
        return records;
    }

    @Test
    void anExportHandsOverEveryRecordAndCountsEachKind() {
        store.write(List.of(record("account", "a"), record("token", "t1"), record("token", "t2"),
                record("audit_event", 1L)));
        List<StoreRecord> written = new ArrayList<>();

        MoveStoreUseCase.Exported without = move.export(
                new MoveStoreUseCase.ExportRequest(operator, false, Optional.empty()), written::add);

        assertThat(written).hasSize(3);
        assertThat(without.counts()).containsExactly(Map.entry("account", 1L), Map.entry("token", 2L));
        assertThat(without.schemaVersion()).isEqualTo("24");
        assertThat(move.export(new MoveStoreUseCase.ExportRequest(operator, true, Optional.empty()), each -> { })
                .counts()).containsEntry("audit_event", 1L);
    }

    @Test
    void anImportLoadsInBatchesAndTwiceWritesOnce() {
        List<StoreRecord> records = accountsAndTokens(3, 2_500);
        MoveStoreUseCase.ImportRequest request = new MoveStoreUseCase.ImportRequest(operator, "24", false);

        MoveStoreUseCase.Imported first = move.importRecords(request, records::iterator);

        assertThat(store.batchSizes).containsExactly(1_000, 1_000, 503);
        assertThat(first.read()).containsExactly(Map.entry("account", 3L), Map.entry("token", 2_500L));
        assertThat(first.written()).isEqualTo(first.read());
        assertThat(store.finished).isTrue();
        assertThat(store.begunEmpty).isTrue();

        MoveStoreUseCase.Imported again = move.importRecords(
                new MoveStoreUseCase.ImportRequest(operator, "24", true), records::iterator);
        assertThat(again.read()).isEqualTo(first.read());
        assertThat(again.written()).isEmpty();
        assertThat(store.begunEmpty).isFalse();
        assertThat(store.stored).hasSize(2_503);
    }

    @Test
    void aStoreThatHoldsRecordsIsRefusedWithoutMerge() {
        store.write(List.of(record("account", "there")));

        assertThatThrownBy(() -> move.importRecords(new MoveStoreUseCase.ImportRequest(operator, "24", false),
                () -> accountsAndTokens(1, 1).iterator()))
                .isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("--merge");
        assertThat(store.stored).hasSize(1);
    }

    @Test
    void aFileOfAnotherSchemaVersionIsRefusedBeforeAnythingIsRead() {
        Iterator<StoreRecord> unread = accountsAndTokens(1, 1).iterator();

        assertThatThrownBy(() -> move.importRecords(new MoveStoreUseCase.ImportRequest(operator, "25", false),
                () -> unread)).isInstanceOf(ArchiveRefusedException.class).hasMessageContaining("version 25");
        assertThat(unread.hasNext()).isTrue();
        assertThat(store.stored).isEmpty();
    }

    @Test
    void aLoadIntoAnEmptyStoreThatFailsPartWayIsUndone() {
        store.failOnBatch = 2;

        assertThatThrownBy(() -> move.importRecords(new MoveStoreUseCase.ImportRequest(operator, "24", false),
                () -> accountsAndTokens(1, 1_500).iterator())).hasMessageContaining("refused the batch");
        assertThat(store.stored).isEmpty();
        assertThat(store.finished).isFalse();
    }

    @Test
    void aFailedMergeKeepsWhatWasThereAndWhatWasWritten() {
        store.write(List.of(record("account", "there")));
        store.batchSizes.clear();
        store.failOnBatch = 2;

        assertThatThrownBy(() -> move.importRecords(new MoveStoreUseCase.ImportRequest(operator, "24", true),
                () -> accountsAndTokens(0, 1_500).iterator())).isInstanceOf(IllegalStateException.class);
        assertThat(store.stored).hasSize(1_001);
    }

    @Test
    void onlyAnAdministratorMovesAStore() {
        Caller someone = Caller.byPassword(new AccountId(UUID.randomUUID()), Username.of("someone"), Role.USER);

        assertThatThrownBy(() -> move.export(new MoveStoreUseCase.ExportRequest(someone, false, Optional.empty()),
                each -> { })).isInstanceOf(NotAnAdministratorException.class);
        assertThatThrownBy(() -> move.importRecords(new MoveStoreUseCase.ImportRequest(someone, "24", false),
                () -> List.<StoreRecord>of().iterator())).isInstanceOf(NotAnAdministratorException.class);
    }
}
