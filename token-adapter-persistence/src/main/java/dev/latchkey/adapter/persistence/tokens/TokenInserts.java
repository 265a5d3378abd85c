package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.adapter.persistence.GroupCommit;
import dev.latchkey.adapter.persistence.audit.AuditRows;
import dev.latchkey.application.port.out.SaveTokenPort.SaveOutcome;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Token;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Inserts new tokens, each with the audit entry of its issue, with {@link GroupCommit}: concurrent issuances share one
 * transaction, and each caller returns once that transaction has committed, so a {@code 201} still means the token
 * is durable. H2 writes a chunk to its file on every commit ({@code WRITE_DELAY=0}, ADR 7), so this is what lets it
 * keep up; on PostgreSQL it saves a commit round trip and flush per token.
 */
@Singleton
class TokenInserts {

    static final int MAXIMUM_BATCH = 256;
    private static final String INSERT = "INSERT INTO token (id, owner_id, kind, description, scopes, secret_hash, "
            + "created_at, expires_at, last_used_at, revoked_at, revocation_reason, grant_id, client_id, consumed_at, "
            + "grant_surface, audience, delegator_id, jkt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private record Pending(IssuanceGuard.Candidate candidate, AuditEvent issued) {
    }

    private final GroupCommit<Pending, SaveOutcome> commits;

    TokenInserts(TransactionOperations<Connection> transactions) {
        this.commits = new GroupCommit<>("latchkey-token-inserts", MAXIMUM_BATCH, batch ->
                transactions.executeWrite(status -> insertGuarded(status.getConnection(),
                        batch.stream().map(Pending::candidate).toList(), batch.stream().map(Pending::issued).toList())));
    }

    /**
     * Inserts the token and its audit entry unless the guard refuses it; returns once they are committed, or throws
     * why they were not.
     */
    SaveOutcome insert(Token token, AuditEvent issued, OptionalInt activePersonalLimit) {
        return commits.submit(new Pending(new IssuanceGuard.Candidate(token, activePersonalLimit), issued));
    }

    /**
     * Inserts, on the caller's connection and in its transaction, each token the guard admits with its audit entry;
     * returns the guard's decision for each.
     */
    static List<SaveOutcome> insertGuarded(Connection connection, List<IssuanceGuard.Candidate> candidates,
                                           List<AuditEvent> issued) {
        try {
            List<SaveOutcome> outcomes = IssuanceGuard.decide(connection, candidates);
            List<AuditEvent> admitted = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int index = 0; index < candidates.size(); index++) {
                    if (outcomes.get(index) == SaveOutcome.SAVED) {
                        bind(insert, TokenRow.fromDomain(candidates.get(index).token()));
                        insert.addBatch();
                        admitted.add(issued.get(index));
                    }
                }
                if (!admitted.isEmpty()) {
                    insert.executeBatch();
                }
            }
            AuditRows.insert(connection, admitted);
            return outcomes;
        } catch (SQLException failure) {
            throw new IllegalStateException("could not insert " + candidates.size() + " tokens", failure);
        }
    }

    private static void bind(PreparedStatement insert, TokenRow row) throws SQLException {
        insert.setObject(1, row.id());
        insert.setObject(2, row.ownerId());
        insert.setString(3, row.kind());
        insert.setString(4, row.description());
        insert.setString(5, row.scopes());
        insert.setString(6, row.secretHash());
        instant(insert, 7, row.createdAt());
        instant(insert, 8, row.expiresAt());
        instant(insert, 9, row.lastUsedAt());
        instant(insert, 10, row.revokedAt());
        insert.setString(11, row.revocationReason());
        uuid(insert, 12, row.grantId());
        insert.setString(13, row.clientId());
        instant(insert, 14, row.consumedAt());
        insert.setString(15, row.grantSurface());
        insert.setString(16, row.audience());
        uuid(insert, 17, row.delegatorId());
        insert.setString(18, row.jkt());
    }

    private static void instant(PreparedStatement insert, int index, Instant value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            insert.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static void uuid(PreparedStatement insert, int index, UUID value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.OTHER);
        } else {
            insert.setObject(index, value);
        }
    }

    /** Commits what is queued, then stops. */
    @PreDestroy
    void stop() throws InterruptedException {
        commits.stop();
    }
}
