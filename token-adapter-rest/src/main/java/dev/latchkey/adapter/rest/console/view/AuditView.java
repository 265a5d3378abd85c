package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The newest entries of the audit trail, of every account or one; actors are named by username where known. */
public record AuditView(Frame frame, String account, List<Row> rows, long total) {

    public record Row(Instant occurredAt, String type, String actor, Optional<String> tokenId, String detail,
                      long count) {
    }
}
