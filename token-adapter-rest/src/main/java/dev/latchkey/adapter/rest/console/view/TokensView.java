package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The caller's tokens, one page of them, filtered by status, under a banner of those found leaked that the caller
 * has not dismissed yet.
 */
public record TokensView(Frame frame, String csrfToken, List<Leak> leaks, String shown, List<String> statuses,
                         List<Row> rows, long total, int page, long pages) {

    public boolean hasNewer() {
        return page > 0;
    }

    public boolean hasOlder() {
        return page + 1 < pages;
    }

    /**
     * One token as its row shows it. {@code activeUntil} is set on a token rotated out that still works for its
     * overlap, so that it does not look like its replacement; {@code foundLeakedBy} on one revoked because it was
     * found leaked, naming who found it.
     */
    public record Row(String id, String description, List<String> scopes, Instant createdAt,
                      Optional<Instant> expiresAt, boolean expiresSoon, Optional<Instant> lastUsedAt,
                      boolean unusedLong, Status status, Optional<String> foundLeakedBy,
                      Optional<Instant> activeUntil, boolean rotatedOut, boolean mayRotate, boolean mayRevoke) {
    }

    /** A token of the caller's found leaked and revoked: which, who found it, where (empty if not said) and when. */
    public record Leak(String tokenId, String description, String source, String location, Instant foundAt) {
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
