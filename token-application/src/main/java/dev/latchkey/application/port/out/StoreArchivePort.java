package dev.latchkey.application.port.out;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole store as records, for moving it (export, import) between stores of either kind: every durable kind a
 * running service cannot rebuild (accounts, partners, policies, clients, tokens by their hashes, rotations, consents,
 * signing and server keys, webhook endpoints, leak notices; the audit trail if asked for), never what lives minutes
 * (sessions, codes in flight, used proofs, allowances) nor the change log. Secrets stay as stored: hashes, and keys
 * wrapped by a master key.
 */
public interface StoreArchivePort {

    /** The schema version the store is migrated to: a file loads only into a store at the same version. */
    String schemaVersion();

    /** Whether the store holds any record of a kind the archive carries, but the keys a start makes for itself. */
    boolean holdsAnything();

    /**
     * Hands every record to {@code sink}, kind by kind in an order that loads (a record after what it refers to), all
     * read in one transaction, so as of one moment; a bounded number of rows is held at a time.
     *
     * @param rewrapFor a master key (as {@code LATCHKEY_MASTER_KEY} is given) to wrap the stored keys with instead of
     *                  the one they are wrapped with, opened with the configured ones; refused if it is not a key
     */
    void read(boolean withAudit, Optional<String> rewrapFor, Consumer<StoreRecord> sink);

    /**
     * Before the first batch of a load. Into an empty store (one that holds nothing but what a start of the service
     * makes for itself, its signing and server keys, none of them used yet): those keys are removed, and the file's
     * take their place, so that what the file's tokens were signed with verifies them.
     */
    void beginLoading(boolean intoEmptyStore);

    /**
     * Writes the records in one transaction, each unless a record of its kind with its id is stored already; returns
     * how many of each kind were written.
     */
    Map<String, Long> write(List<StoreRecord> batch);

    /** After the last batch: what the store derives from its rows (the next audit entry's number) is set past them. */
    void finishLoading();

    /** Removes every record of the kinds the archive carries: the undoing of a load into an empty store that failed. */
    void clear();

    /**
     * One row of one kind, its fields as JSON can hold them: strings (times as ISO-8601 instants, bytes in base64),
     * longs, booleans and nulls.
     */
    record StoreRecord(String kind, Map<String, Object> fields) {
        public StoreRecord {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(fields, "fields");
        }

        @Override
        public String toString() {
            // Fields hold hashes and wrapped keys: nothing a log needs.
            return "StoreRecord[" + kind + ", " + fields.size() + " fields]";
        }
    }

    /** A file or a record that cannot be loaded: said to the operator, nothing written. */
    final class ArchiveRefusedException extends RuntimeException {
        public ArchiveRefusedException(String reason) {
            super(reason);
        }
    }
}
