package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The administrators' list of accounts, the first of them when there are more than a page holds. */
public record AccountsView(Frame frame, String csrfToken, List<Row> rows, long total, int shownAtMost) {

    /** {@code usernameInPath} is the username as a path segment, percent-encoded. */
    public record Row(String username, String usernameInPath, boolean administrator, Optional<String> organization,
                      Optional<Long> partner, boolean enabled, Instant createdAt, boolean isCaller) {
    }
}
