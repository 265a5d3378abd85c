package dev.latchkey.application.service;

import dev.latchkey.application.port.out.ExpiryScanPort;
import dev.latchkey.application.port.out.MailOutboxPort;
import dev.latchkey.application.port.out.MailSenderPort;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.OwnerMail;
import dev.latchkey.domain.OwnerNotices;
import dev.latchkey.domain.Token;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The expiry scan's cursors over the in-memory tokens, the owners' mail outbox, and a relay that records each message
 * and answers what the test scripts. Cursors order tokens by expiry, then id, as the store does.
 */
final class InMemoryNotices implements ExpiryScanPort, MailOutboxPort, MailSenderPort {

    private static final Comparator<Token> EXPIRY_ORDER = Comparator
            .comparing((Token token) -> token.expiry().instant().orElseThrow())
            .thenComparing(token -> token.id().value().toString());

    /** A queued message and what became of it. */
    static final class Row {
        final long id;
        final AuditEvent event;
        String state = "PENDING";
        int attempts;
        Optional<Instant> firstAttemptAt = Optional.empty();
        Instant nextAttemptAt;
        String why = "";

        Row(long id, AuditEvent event, Instant nextAttemptAt) {
            this.id = id;
            this.event = event;
            this.nextAttemptAt = nextAttemptAt;
        }
    }

    /** A message the relay took, or was offered. */
    record Sent(EmailAddress to, OwnerMail mail) {
    }

    private final InMemoryTokenStore tokens;
    private final Map<Duration, Cursor> cursors = new HashMap<>();
    final List<Row> outbox = new ArrayList<>();
    final List<Sent> relayed = new ArrayList<>();
    /** What the relay answers; it takes everything unless a test says otherwise. */
    Function<Sent, Result> relay = sent -> new Result.Sent();

    InMemoryNotices(InMemoryTokenStore tokens) {
        this.tokens = tokens;
    }

    /** Queues the events the store would queue mail for, as it writes them to the trail. */
    synchronized void queueMailFor(List<AuditEvent> events) {
        for (AuditEvent event : events) {
            if (OwnerNotices.MAILED.contains(event.type())) {
                outbox.add(new Row(outbox.size() + 1L, event, event.occurredAt()));
            }
        }
    }

    @Override
    public synchronized void begin(Duration threshold, Instant start) {
        cursors.putIfAbsent(threshold, Cursor.before(start));
    }

    @Override
    public synchronized Cursor lock(Duration threshold) {
        return cursors.get(threshold);
    }

    @Override
    public synchronized List<Token> passedSince(Cursor cursor, Instant edge, int limit) {
        Comparator<Token> order = EXPIRY_ORDER;
        return tokens.all().stream().filter(token -> token.expiry().instant().isPresent())
                .filter(token -> after(token, cursor) && !token.expiry().instant().get().isAfter(edge))
                .sorted(order).limit(limit).toList();
    }

    private static boolean after(Token token, Cursor cursor) {
        int byExpiry = token.expiry().instant().orElseThrow().compareTo(cursor.expiresAt());
        return byExpiry > 0 || byExpiry == 0 && token.id().value().toString().compareTo(cursor.tokenId().toString()) > 0;
    }

    @Override
    public synchronized void moveTo(Duration threshold, Cursor cursor) {
        cursors.put(threshold, cursor);
    }

    @Override
    public synchronized List<QueuedMail> claimDue(String node, Instant now, Instant until, int max) {
        return outbox.stream().filter(row -> row.state.equals("PENDING") && !row.nextAttemptAt.isAfter(now))
                .limit(max).map(row -> new QueuedMail(row.id, row.event, row.attempts, row.firstAttemptAt)).toList();
    }

    private Row row(QueuedMail mail) {
        return outbox.stream().filter(row -> row.id == mail.id()).findFirst().orElseThrow();
    }

    private void attempted(Row row, Instant at) {
        row.attempts++;
        if (row.firstAttemptAt.isEmpty()) {
            row.firstAttemptAt = Optional.of(at);
        }
    }

    @Override
    public synchronized void sent(QueuedMail mail, Instant at) {
        Row row = row(mail);
        attempted(row, at);
        row.state = "SENT";
    }

    @Override
    public synchronized void retry(QueuedMail mail, Instant at, String failure, Instant retryAt) {
        Row row = row(mail);
        attempted(row, at);
        row.nextAttemptAt = retryAt;
        row.why = failure;
    }

    @Override
    public synchronized void failed(QueuedMail mail, Instant at, String failure) {
        Row row = row(mail);
        attempted(row, at);
        row.state = "FAILED";
        row.why = failure;
    }

    @Override
    public synchronized void skipped(QueuedMail mail, String why) {
        Row row = row(mail);
        row.state = "SKIPPED";
        row.why = why;
    }

    @Override
    public synchronized Result send(EmailAddress to, OwnerMail mail) {
        Sent sent = new Sent(to, mail);
        relayed.add(sent);
        return relay.apply(sent);
    }

    @Override
    public URI console() {
        return URI.create("https://latchkey.example/console/tokens");
    }
}
