package dev.latchkey.adapter.persistence.audit;

import dev.latchkey.adapter.persistence.BackgroundWork;
import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.OnEveryTokenCheck;
import dev.latchkey.adapter.persistence.SqlConditions;
import dev.latchkey.adapter.persistence.StoreMetrics;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.notices.MailOutbox;
import dev.latchkey.application.port.out.LoadAuditEventsPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.TokenId;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail in the {@code audit_event} table. An event is written in the caller's transaction, so it commits
 * or rolls back with the change it records. Counted events are gathered in memory and written once per interval,
 * one row per kind, actor, account, token and detail, carrying how many occurred.
 *
 * <p>At most {@value #MAXIMUM_COUNTED} distinct entries are gathered in one interval. A flood of distinct values
 * (random tokens, each with its own fingerprint) beyond that is counted per type in one further entry, so memory stays
 * bounded whatever is sent. Within that, one actor (a client address) gets at most
 * {@value #MAXIMUM_COUNTED_PER_ACTOR} distinct entries of a type per interval, the rest folded into one.
 */
@Singleton
class AuditTrailAdapter implements RecordAuditEventPort, LoadAuditEventsPort {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrailAdapter.class);
    static final int MAXIMUM_COUNTED = 10_000;
    /**
     * At most this many distinct entries of one type from one actor (a client address, for refused tokens) in one
     * interval; the rest from that actor fold into one entry with their count, so that one client sending distinct
     * garbage cannot fill the trail, nor crowd out other clients' entries.
     */
    static final int MAXIMUM_COUNTED_PER_ACTOR = 20;

    private record Key(AuditEventType type, Actor actor, Optional<AccountId> account, Optional<TokenId> token,
                       String detail) {
    }

    private record Tally(Instant first, AtomicLong occurrences) {
    }

    private final JdbcTransactions writes;
    private final TransactionOperations<Connection> transactions;
    private final Map<Key, Tally> counted = new ConcurrentHashMap<>();
    private final Map<AuditEventType, Tally> uncounted = new ConcurrentHashMap<>();
    private final Map<Key, AtomicLong> distinctPerActor = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final StoreMetrics metrics;
    /** The owners' mail, queued with the entries it tells of, where a relay is configured. */
    private final Optional<MailOutbox> mail;

    AuditTrailAdapter(JdbcTransactions writes, TransactionOperations<Connection> transactions, StoreMetrics metrics,
                      @Value("${latchkey.audit.count-interval:60s}") Duration countInterval,
                      Optional<MailOutbox> mail) {
        this.metrics = metrics;
        this.mail = mail;
        this.writes = writes;
        this.transactions = transactions;
        this.flusher = BackgroundWork.start("latchkey-audit-counts", countInterval, countInterval,
                this::flushQuietly);
    }

    @Override
    @TranslatesStoreFailures
    public void record(AuditEvent event) {
        writes.write(() -> transactions.executeWrite(status -> {
            AuditRows.insert(status.getConnection(), List.of(event));
            mail.ifPresent(outbox -> outbox.enqueue(status.getConnection(), List.of(event)));
            return null;
        }));
        metrics.counted(event);
    }

    /** Counts in memory only; the counts reach the store in the flusher's own transaction. */
    @Override
    @OnEveryTokenCheck
    public void count(AuditEvent event) {
        metrics.counted(event);
        Key key = new Key(event.type(), event.actor(), event.account(), event.token(), event.detail());
        Tally tally = counted.get(key);
        if (tally == null) {
            Key ofActor = new Key(event.type(), event.actor(), Optional.empty(), Optional.empty(), FOLDED);
            AtomicLong distinct = distinctPerActor.size() < MAXIMUM_COUNTED
                    ? distinctPerActor.computeIfAbsent(ofActor, absent -> new AtomicLong())
                    : distinctPerActor.getOrDefault(ofActor, new AtomicLong());
            if (distinct.incrementAndGet() > MAXIMUM_COUNTED_PER_ACTOR) {
                key = ofActor;
                tally = counted.get(key);
            }
        }
        if (tally == null && counted.size() >= MAXIMUM_COUNTED) {
            uncounted.computeIfAbsent(event.type(), type -> new Tally(event.occurredAt(), new AtomicLong()))
                    .occurrences().addAndGet(event.count());
            return;
        }
        if (tally == null) {
            tally = counted.computeIfAbsent(key, absent -> new Tally(event.occurredAt(), new AtomicLong()));
        }
        tally.occurrences().addAndGet(event.count());
    }

    private static final String FOLDED = "more distinct events from this actor than the trail itemises in one interval";

    /** Writes what has been counted since the last flush; returns how many entries. */
    int flush() {
        distinctPerActor.clear();
        List<AuditEvent> entries = new ArrayList<>();
        for (Key key : List.copyOf(counted.keySet())) {
            Tally tally = counted.remove(key);
            if (tally != null && tally.occurrences().get() > 0) {
                entries.add(new AuditEvent(tally.first(), key.type(), key.actor(), key.account(), key.token(),
                        key.detail(), tally.occurrences().get()));
            }
        }
        for (AuditEventType type : List.copyOf(uncounted.keySet())) {
            Tally tally = uncounted.remove(type);
            if (tally != null && tally.occurrences().get() > 0) {
                entries.add(new AuditEvent(tally.first(), type, Actor.system(), Optional.empty(), Optional.empty(),
                        "more distinct events than the trail itemises in one interval", tally.occurrences().get()));
            }
        }
        if (!entries.isEmpty()) {
            transactions.executeWrite(status -> {
                AuditRows.insert(status.getConnection(), entries);
                return null;
            });
        }
        return entries.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException failed) {
            // The counts of this interval are lost; the next interval's are written as usual.
            LOG.warn("Could not write the audit trail's counted events: {}", failed.toString());
        }
    }

    /** Writes the last interval's counts before the store closes. */
    @PreDestroy
    void stop() {
        BackgroundWork.stop(flusher, java.time.Duration.ofSeconds(10));
        flushQuietly();
    }

    @Override
    @TranslatesStoreFailures
    public List<AuditEvent> find(Filter filter, long offset, int limit) {
        SqlConditions query = conditions(filter);
        return transactions.executeRead(status -> query.page(status.getConnection(), "SELECT * FROM audit_event",
                "occurred_at DESC, id DESC", AuditRows::read, offset, limit));
    }

    @Override
    @TranslatesStoreFailures
    public long count(Filter filter) {
        SqlConditions query = conditions(filter);
        return transactions.executeRead(status -> query.count(status.getConnection(), "audit_event"));
    }

    /** Deletes events older than {@code cutOff}; returns how many. */
    long deleteBefore(Instant cutOff) {
        return writes.write(() -> transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection()
                    .prepareStatement("DELETE FROM audit_event WHERE occurred_at < ?")) {
                delete.setObject(1, OffsetDateTime.ofInstant(cutOff, ZoneOffset.UTC));
                return (long) delete.executeUpdate();
            } catch (SQLException failure) {
                throw new IllegalStateException("could not delete old audit events", failure);
            }
        }));
    }

    private static SqlConditions conditions(Filter filter) {
        SqlConditions conditions = new SqlConditions();
        filter.account().ifPresent(account -> conditions.add("account_id = ?", account.value()));
        filter.token().ifPresent(token -> conditions.add("token_id = ?", token.value()));
        filter.type().ifPresent(type -> conditions.add("type = ?", type.name()));
        filter.since().ifPresent(since -> conditions.add("occurred_at >= ?", since));
        filter.until().ifPresent(until -> conditions.add("occurred_at < ?", until));
        return conditions;
    }
}
