package dev.latchkey.adapter.persistence.changelog;

import jakarta.inject.Singleton;
import java.time.Duration;

/** How current this node's view of the change log is, for a readiness check. */
@Singleton
public class ChangeFeedStatus {

    private final ChangeFeed feed;

    ChangeFeedStatus(ChangeFeed feed) {
        this.feed = feed;
    }

    /** How long ago the last read of the change log that this node applied was sent. */
    public Duration age() {
        return feed.age();
    }
}
