package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The applications the signed-in person authorized, each with what it may do and when it last did anything. */
public record ApplicationsView(Frame frame, String csrfToken, List<Row> rows) {

    /** @param lastUsedAt the latest use of any of its live tokens for the person; empty if none was used */
    public record Row(String name, String clientId, List<String> scopes, Instant authorizedAt,
                      Optional<Instant> lastUsedAt) {
    }
}
