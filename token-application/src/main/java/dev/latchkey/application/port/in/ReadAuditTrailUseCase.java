package dev.latchkey.application.port.in;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Username;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the audit trail, newest first, a page at a time. An administrator reads every account's events; anyone else
 * reads only the events of their own account and tokens.
 */
public interface ReadAuditTrailUseCase {

    Page read(AuditQuery query);

    /** Each present filter narrows the events; {@code since} is inclusive, {@code until} exclusive. */
    record AuditQuery(Caller caller, Optional<AccountId> account, Optional<TokenId> token,
                      Optional<AuditEventType> type, Optional<Instant> since, Optional<Instant> until, int page,
                      int size) {
        public AuditQuery {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
            if (page < 0 || page > ListTokensUseCase.ListTokensQuery.MAX_PAGE) {
                throw new InvalidValueException("page", "must be between 0 and "
                        + ListTokensUseCase.ListTokensQuery.MAX_PAGE);
            }
            if (size < 1 || size > ListTokensUseCase.ListTokensQuery.MAX_SIZE) {
                throw new InvalidValueException("size", "must be between 1 and "
                        + ListTokensUseCase.ListTokensQuery.MAX_SIZE);
            }
            if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
                throw new InvalidValueException("since", "must be before until");
            }
        }
    }

    /**
     * The events on this page, newest first, and how many match in all; {@code usernames} names the accounts
     * that acted in them, where the account still exists, so that a page can show a name instead of an id.
     */
    record Page(List<AuditEvent> events, int page, int size, long totalEvents,
                Map<AccountId, Username> usernames) {
        public Page {
            events = List.copyOf(events);
            usernames = Map.copyOf(usernames);
        }

        public Page(List<AuditEvent> events, int page, int size, long totalEvents) {
            this(events, page, size, totalEvents, Map.of());
        }

        /** The actor as a person reads it: an account's username where known, else the recorded text. */
        public String actorShown(AuditEvent event) {
            return event.actor().accountId().map(usernames::get).map(Username::value)
                    .orElseGet(() -> event.actor().asText());
        }
    }
}
