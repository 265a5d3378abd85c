package dev.latchkey.application.port.out;

import dev.latchkey.domain.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox of mail to token owners, shared by every node (issue 25). The store writes a message with each audit
 * entry that may warrant one, in the entry's transaction, for an owner who has an address and wants notices; what
 * it says, and whether it is sent at all, is decided when it is sent.
 */
public interface MailOutboxPort {

    /**
     * Claims for this node, until {@code until}, up to {@code max} messages due at {@code now} that no other node holds
     * (or whose holder's claim lapsed), the oldest first.
     */
    List<QueuedMail> claimDue(String node, Instant now, Instant until, int max);

    /** The message went out. */
    void sent(QueuedMail mail, Instant at);

    /** The attempt failed and is tried again at {@code retryAt}. */
    void retry(QueuedMail mail, Instant at, String failure, Instant retryAt);

    /** The message is given up: the relay refused it for good, or three days of attempts failed. */
    void failed(QueuedMail mail, Instant at, String failure);

    /** The message is not sent, for the reason given: nothing to tell, no address, notices turned off. */
    void skipped(QueuedMail mail, String why);

    /** A queued message: the audit entry it tells the owner of, and its attempts so far. */
    record QueuedMail(long id, AuditEvent event, int attempts, Optional<Instant> firstAttemptAt) {
        public QueuedMail {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
        }
    }
}
