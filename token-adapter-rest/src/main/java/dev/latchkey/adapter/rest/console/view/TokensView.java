package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The caller's tokens, one page of them, filtered by status. */
public record TokensView(Frame frame, String shown, List<String> statuses, List<Row> rows, long total, int page,
                         long pages) {

    public boolean hasNewer() {
        return page > 0;
    }

    public boolean hasOlder() {
        return page + 1 < pages;
    }

    /**
     * One token as its row shows it. {@code retiredBy} is set on a token rotated out that still works for its
     * overlap, so that it does not look like its replacement.
     */
    public record Row(String id, String description, List<String> scopes, Instant createdAt,
                      Optional<Instant> expiresAt, boolean expiresSoon, Optional<Instant> lastUsedAt,
                      boolean unusedLong, Status status, Optional<Instant> activeUntil, boolean rotatedOut,
                      boolean mayRotate, boolean mayRevoke) {
    }

    /** A token's state, with the word and the style the page gives it. */
    public enum Status {
        ACTIVE("active", "active"), EXPIRED("expired", "expired"), REVOKED("revoked", "revoked"),
        SPENT("spent", "expired");

        private final String label;
        private final String cssClass;

        Status(String label, String cssClass) {
            this.label = label;
            this.cssClass = cssClass;
        }

        public String label() {
            return label;
        }

        public String cssClass() {
            return cssClass;
        }
    }
}
