package dev.latchkey.application.port.in;

import dev.latchkey.application.port.out.StoreArchivePort.StoreRecord;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Moving a store: everything in it written out as records (export), and records loaded into another store (import),
 * so that a team moves from H2 to PostgreSQL, or restores a node, without re-issuing a token. Operator only.
 */
public interface MoveStoreUseCase {

    /** Hands every record to {@code sink}, as of one moment; returns the schema version and the count of each kind. */
    Exported export(ExportRequest request, Consumer<StoreRecord> sink);

    /**
     * Loads the records {@code records} gives (called once; the caller has checked that the file is whole), in one
     * transaction per batch. Refuses a store that holds anything unless {@code merge}; records already stored (by
     * id) are left as they are, so loading the same file twice writes it once. A load into an empty store that fails
     * part way is undone.
     */
    Imported importRecords(ImportRequest request, Supplier<Iterator<StoreRecord>> records);

    /** The schema version this store is at: a header states it, and a file at another version is refused. */
    String schemaVersion(Caller caller);

    /**
     * What to export: the audit trail too, or not; and the master key (as configured, in base64 or hex) to wrap the
     * file's keys with instead of this store's.
     */
    record ExportRequest(Caller caller, boolean withAudit, Optional<String> rewrapFor) {
        public ExportRequest {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(rewrapFor, "rewrapFor");
        }
    }

    /**
     * A file's records to load: the schema version its header states, and whether a store holding records may take
     * them.
     */
    record ImportRequest(Caller caller, String schemaVersion, boolean merge) {
        public ImportRequest {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(schemaVersion, "schemaVersion");
        }
    }

    /** The schema version the records were read at, and how many of each kind, in the order they were read. */
    record Exported(String schemaVersion, Map<String, Long> counts) {
    }

    /** How many records of each kind the file held, and how many of them were written (the rest were stored). */
    record Imported(Map<String, Long> read, Map<String, Long> written) {
    }
}
