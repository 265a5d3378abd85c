package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.Optional;

/**
 * The one page that shows a secret, never cached and never shown again: for a new token, when it expires; for a
 * rotated one, until when the old token keeps working ({@code rotated} true, {@code oldWorksUntil} empty when it no
 * longer does).
 */
public record SecretView(Frame frame, String secret, String description, boolean rotated,
                         Optional<Instant> expiresAt, Optional<Instant> oldWorksUntil) {

    @Override
    public String toString() {
        return "SecretView[" + frame.title() + ", secret=redacted]";
    }
}
