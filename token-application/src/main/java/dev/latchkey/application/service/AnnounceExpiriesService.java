package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AnnounceExpiriesUseCase;
import dev.latchkey.application.port.out.ExpiryScanPort;
import dev.latchkey.application.port.out.ExpiryScanPort.Cursor;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.ExpiryNotices;
import dev.latchkey.domain.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class AnnounceExpiriesService implements AnnounceExpiriesUseCase {

    /**
     * Tokens one transaction passes: small enough that a node holding a cursor's lock keeps it briefly, large enough
     * that catching up after a day's pause takes few of them.
     */
    static final int PAGE = 200;

    private final ExpiryNotices notices;
    private final ExpiryScanPort cursors;
    private final TransactionPort transactions;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    AnnounceExpiriesService(ExpiryNotices notices, ExpiryScanPort cursors, TransactionPort transactions,
                            RecordAuditEventPort audit, Clock clock) {
        this.notices = notices;
        this.cursors = cursors;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public int scan() {
        Instant now = clock.instant();
        int announced = 0;
        for (Duration threshold : notices.thresholds()) {
            Instant edge = now.plus(threshold);
            cursors.begin(threshold, edge);
            Page page;
            do {
                page = transactions.inTransaction(() -> passPage(threshold, edge, now));
                announced += page.announced();
            } while (page.passed() == PAGE);
        }
        return announced;
    }

    private record Page(int passed, int announced) {
    }

    /** One page of tokens past the threshold, each announced if it should be. */
    private Page passPage(Duration threshold, Instant edge, Instant now) {
        Cursor cursor = cursors.lock(threshold);
        List<Token> passed = cursors.passedSince(cursor, edge, PAGE);
        int announced = 0;
        for (Token token : passed) {
            Optional<AuditEvent> announcement = notices.announcement(token, threshold, now);
            if (announcement.isPresent()) {
                audit.record(announcement.get());
                announced++;
            }
        }
        if (!passed.isEmpty()) {
            Token last = passed.get(passed.size() - 1);
            cursors.moveTo(threshold, Cursor.after(last.expiry().instant().orElseThrow(), last.id()));
        }
        return new Page(passed.size(), announced);
    }
}
