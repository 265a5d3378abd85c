package dev.latchkey.adapter.persistence.changelog;

import java.util.List;

/** Reads the change log for a {@link ChangeFeed}. */
interface ChangeLogReader {

    /** The number of the latest change committed. */
    long head();

    /** Up to {@code limit} changes numbered after {@code seq}, in order. */
    List<Change> readAfter(long seq, int limit);
}
