package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads the audit trail back, for administrators and for each account's own events. */
public interface LoadAuditEventsPort {

    /** The events that match every given filter, newest first. */
    List<AuditEvent> find(Filter filter, long offset, int limit);

    long count(Filter filter);

    /** Each present field narrows the events; {@code since} is inclusive and {@code until} exclusive. */
    record Filter(Optional<AccountId> account, Optional<TokenId> token, Optional<AuditEventType> type,
                  Optional<Instant> since, Optional<Instant> until) {
        public Filter {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
        }
    }
}
