package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.application.port.out.UpdateTokenStatePort.ConsumptionWrite;
import dev.latchkey.application.port.out.UpdateTokenStatePort.RevocationWrite;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenEvent;
import dev.latchkey.domain.TokenKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one place where a token's state changes. Every creation and every revocation, whether one token, a grant's
 * cascade, a supersession, a rotation or an account's or client's tokens, is a {@link Token} transition, written to
 * the store together with the writes it implies in one transaction, and recorded in the audit trail, as the
 * transition's event and the actor who caused it, in that same transaction once every other write of it is made.
 *
 * <p>The store compares and sets: it writes a revocation only over the one this class read, and the domain alone
 * decides which revocation stands ({@code Revocation.yieldsTo}). When another writer got there first, the transition
 * is decided again on what the store now holds; a revocation only ever moves forward, so this ends.
 */
final class TokenLifecycle {

    private final LoadTokenPort tokens;
    private final SaveTokenPort saves;
    private final UpdateTokenStatePort state;
    private final TransactionPort transactions;
    private final RecordAuditEventPort audit;

    TokenLifecycle(LatchkeyServices.TokenStore store) {
        this.tokens = store.loads();
        this.saves = store.saves();
        this.state = store.state();
        this.transactions = store.transactions();
        this.audit = store.audit();
    }

    /**
     * Stores one new token. A single write needs no transaction of its own, which lets the store share one commit
     * among concurrent issues; inside a caller's transaction it joins that one.
     */
    void create(Token.Issued issued, Actor actor) {
        saves.saveNew(issued.token(), AuditEvent.of(issued.event(), actor));
    }

    /** Stores a new token and revokes, in the same transaction, the tokens it takes the place of. */
    void createSuperseding(Token.Issued issued, LoadTokenPort.Selection superseded, Actor actor) {
        Instant now = issued.token().createdAt();
        transactions.inTransaction(() -> {
            List<TokenEvent> revoked = revokeEach(superseded, now, RevocationReason.SUPERSEDED);
            saves.saveNew(issued.token(), AuditEvent.of(issued.event(), actor));
            record(revoked, actor);
            return null;
        });
    }

    /** Runs several lifecycle steps as one unit, such as the two tokens of a new grant. */
    <T> T together(Supplier<T> steps) {
        return transactions.inTransaction(steps);
    }

    /** Records a use the caller found valid; see {@link UpdateTokenStatePort#recordUse}. */
    void recordUse(Token.UseOutcome.Used used) {
        state.recordUse(used.token().id(), used.event().occurredAt());
        audit.count(AuditEvent.of(used.event(), Actor.account(used.token().owner())));
    }

    /**
     * Revokes one token from {@code now}. A refresh token takes its whole grant with it, access tokens included
     * (RFC 7009 section 2.1): whoever stole it may already have exchanged it.
     *
     * @return whether this call revoked the token; {@code false} when a revocation already stood
     */
    boolean revoke(Token token, Instant now, RevocationReason reason, Actor actor) {
        return transactions.inTransaction(() -> {
            List<TokenEvent> changes = new ArrayList<>();
            Optional<TokenEvent> revoked = revokeOne(token, now, reason);
            revoked.ifPresent(changes::add);
            if (token.kind() == TokenKind.REFRESH && token.grant().isPresent()) {
                changes.addAll(revokeEach(new LoadTokenPort.Selection.OfGrant(token.grant().get()), now,
                        RevocationReason.GRANT_REVOKED));
            }
            record(changes, actor);
            return revoked.isPresent();
        });
    }

    /** Revokes every selected token from {@code now}; returns how many this call revoked. */
    int revokeAll(LoadTokenPort.Selection selection, Instant now, RevocationReason reason, Actor actor) {
        return transactions.inTransaction(() -> {
            List<TokenEvent> revoked = revokeEach(selection, now, reason);
            record(revoked, actor);
            return revoked.size();
        });
    }

    /**
     * Records that a spent refresh token was presented again after the leeway, and revokes its grant, in one
     * transaction.
     */
    void revokeReplayedGrant(Token spent, Instant now, Actor actor) {
        transactions.inTransaction(() -> {
            audit.record(AuditEvent.of(now, AuditEventType.REFRESH_TOKEN_REUSED, actor, Optional.of(spent.owner()),
                    Optional.of(spent.id()), "grant=" + spent.grant().orElseThrow()));
            record(revokeEach(new LoadTokenPort.Selection.OfGrant(spent.grant().orElseThrow()), now,
                    RevocationReason.REFRESH_TOKEN_REUSED), actor);
            return null;
        });
    }

    /**
     * Writes a rotation: the replacement, and the old token's revocation at the end of its overlap, written only
     * where no revocation was recorded since the rotation was decided. {@code alongside} runs in the same
     * transaction, after the replacement is stored, for a write that must succeed with it (an idempotency key's
     * record, which names the replacement).
     *
     * @return whether the rotation was written; {@code false} when the old token or the key changed meanwhile, and
     *         nothing was
     */
    boolean rotate(Token.RotationOutcome.Rotated rotated, BooleanSupplier alongside, Actor actor) {
        Token retiring = rotated.retiring();
        try {
            transactions.inTransaction(() -> {
                saves.saveNew(rotated.replacement().token(), AuditEvent.of(rotated.replacement().event(), actor));
                if (!alongside.getAsBoolean()
                        || !(state.recordRevocation(retiring.id(), Optional.empty(), retiring.revocation().orElseThrow())
                        instanceof RevocationWrite.Recorded)) {
                    throw new RolledBack();
                }
                audit.record(AuditEvent.of(rotated.event(), actor));
                return null;
            });
            return true;
        } catch (RolledBack conflict) {
            return false;
        }
    }

    /**
     * Spends a refresh token and, in the same transaction, runs what the exchange gives (a new pair, and for some
     * grants the revocation of the earlier tokens).
     *
     * @return the exchange's result, or empty when the token was spent or revoked by a concurrent request since the
     *         caller read it, and nothing was written
     */
    <T> Optional<T> consume(Token.ConsumptionOutcome.Consumed consumed, Actor actor, Supplier<T> exchange) {
        Token spent = consumed.token();
        return transactions.inTransaction(() -> {
            if (state.recordConsumption(spent.id(), spent.consumedAt().orElseThrow()) != ConsumptionWrite.CONSUMED) {
                return Optional.empty();
            }
            audit.record(AuditEvent.of(consumed.event(), actor));
            return Optional.of(exchange.get());
        });
    }

    private void record(List<TokenEvent> events, Actor actor) {
        events.forEach(event -> audit.record(AuditEvent.of(event, actor)));
    }

    private List<TokenEvent> revokeEach(LoadTokenPort.Selection selection, Instant now, RevocationReason reason) {
        List<TokenEvent> revoked = new ArrayList<>();
        for (Token token : tokens.loadRevocable(selection, now)) {
            revokeOne(token, now, reason).ifPresent(revoked::add);
        }
        return revoked;
    }

    private Optional<TokenEvent> revokeOne(Token token, Instant now, RevocationReason reason) {
        Token current = token;
        while (current.revoke(now, reason) instanceof Token.RevocationOutcome.Revoked revoked) {
            RevocationWrite write = state.recordRevocation(current.id(), current.revocation(),
                    revoked.token().revocation().orElseThrow());
            if (write instanceof RevocationWrite.ChangedMeanwhile changed) {
                if (changed.current().equals(current.revocation())) {
                    throw new IllegalStateException("the store refused a revocation over the one it holds: " + current.id());
                }
                current = asStored(current, changed.current());
            } else {
                return Optional.of(revoked.event());
            }
        }
        return Optional.empty();
    }

    private static Token asStored(Token token, Optional<Revocation> revocation) {
        return Token.restore(token.attributes(), token.createdAt(), token.secretHash(),
                token.lastUsedAt().orElse(null), revocation.orElse(null), token.consumedAt().orElse(null));
    }

    /** Rolls back a rotation whose conditions no longer held when it was written. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super(null, null, false, false);
        }
    }
}
