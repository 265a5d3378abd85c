package dev.latchkey.application.service;

import dev.latchkey.application.port.in.TooManyIssuancesException;
import dev.latchkey.application.port.out.IssuanceLimitPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.SaveTokenPort.SaveOutcome;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.application.port.out.UpdateTokenStatePort.ConsumptionWrite;
import dev.latchkey.application.port.out.UpdateTokenStatePort.RevocationWrite;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuthorizationCodeGrant;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenEvent;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenSecretFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one place where a token's state changes. Every creation and every revocation, whether one token, a grant's
 * cascade, a supersession, a rotation or an account's or client's tokens, is a {@link Token} transition, written to
 * the store together with the writes it implies in one transaction, and recorded in the audit trail, as the
 * transition's event and the actor who caused it, in that same transaction once every other write of it is made.
 *
 * <p>A revocation follows delegation: revoking a token, bringing its revocation forward or scheduling it (a
 * rotation) revokes every token made with it as the credential, and theirs in turn, from the same moment, each with its
 * own event. The store refuses a new delegate whose delegator ended meanwhile, so that none escapes the cascade.
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
    private final IssuanceLimitPort limits;
    private final TokenSecretFormat secrets;

    TokenLifecycle(LatchkeyServices.TokenStore store) {
        this.limits = store.limits();
        this.tokens = store.loads();
        this.saves = store.saves();
        this.state = store.state();
        this.transactions = store.transactions();
        this.audit = store.audit();
        this.secrets = store.secrets();
    }

    /** How the secrets of new tokens look: what the issuing services mint with. */
    TokenSecretFormat secrets() {
        return secrets;
    }

    /**
     * Stores one new token, unless the store finds its delegator ended or, with {@code activePersonalLimit}, its
     * owner at the limit (see {@link SaveTokenPort#saveNew}). A single write needs no transaction of its own, which
     * lets the store share one commit among concurrent issues; inside a caller's transaction it joins that one.
     */
    SaveOutcome create(Token.Issued issued, Actor actor, OptionalInt activePersonalLimit) {
        admit(issued.token());
        return saves.saveNew(issued.token(), AuditEvent.of(issued.event(), actor), activePersonalLimit);
    }

    /**
     * Stores a new token and revokes, in the same transaction, the tokens it takes the place of; when the store
     * refuses the new token, the revocations are rolled back with it.
     */
    SaveOutcome createSuperseding(Token.Issued issued, LoadTokenPort.Selection superseded, Actor actor,
                                  OptionalInt activePersonalLimit) {
        Instant now = issued.token().createdAt();
        admit(issued.token());
        try {
            return transactions.inTransaction(() -> {
                List<TokenEvent> revoked = revokeEach(superseded, now, RevocationReason.SUPERSEDED);
                SaveOutcome saved = saves.saveNew(issued.token(), AuditEvent.of(issued.event(), actor),
                        activePersonalLimit);
                if (saved != SaveOutcome.SAVED) {
                    throw new RolledBack(saved);
                }
                record(revoked, actor);
                return saved;
            });
        } catch (RolledBack refused) {
            return refused.outcome;
        }
    }

    /** Runs several lifecycle steps as one unit, such as the two tokens of a new grant. */
    <T> T inTransaction(Supplier<T> steps) {
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
            List<TokenEvent> changes = new ArrayList<>(revokeWithDelegates(token, new Revocation(now, reason)));
            boolean revoked = !changes.isEmpty();
            if (token.kind() == TokenKind.REFRESH && token.grant().isPresent()) {
                changes.addAll(revokeEach(new LoadTokenPort.Selection.OfGrant(token.grant().get()), now,
                        RevocationReason.GRANT_REVOKED));
            }
            record(changes, actor);
            return revoked;
        });
    }

    /** Revokes every selected token, and their delegates, from {@code now}; returns how many this call revoked. */
    int revokeAll(LoadTokenPort.Selection selection, Instant now, RevocationReason reason, Actor actor) {
        return revokeAll(selection, token -> true, now, reason, actor);
    }

    /** Revokes the selected tokens that {@code which} picks, and their delegates; returns how many it revoked. */
    int revokeAll(LoadTokenPort.Selection selection, Predicate<Token> which, Instant now, RevocationReason reason,
                  Actor actor) {
        return transactions.inTransaction(() -> {
            List<TokenEvent> revoked = revokeEach(selection, which, now, reason);
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
     * A redeemed authorization code presented again: recorded, and every token its grant got is revoked, refresh
     * tokens included (RFC 6749 section 4.1.2).
     */
    void revokeReplayedCode(AuthorizationCodeGrant code, Instant now, Actor actor) {
        transactions.inTransaction(() -> {
            audit.record(AuditEvent.of(now, AuditEventType.AUTHORIZATION_CODE_REPLAYED, actor,
                    Optional.of(code.account()), Optional.empty(), "client=" + code.client().value() + " grant="
                            + code.grant()));
            record(revokeEach(new LoadTokenPort.Selection.OfGrant(code.grant()), now, RevocationReason.CODE_REPLAYED),
                    actor);
            return null;
        });
    }

    /**
     * Writes a rotation: the replacement, which the store checks against {@code activePersonalLimit} (the old token,
     * active through its overlap, counts); then the old token's revocation at the end of its overlap, written only
     * where no revocation was recorded since the rotation was decided, and passed on to its delegates.
     * {@code alongside} runs in the same transaction, after the replacement is stored, for a write that must succeed
     * with it (an idempotency key's record, which names the replacement).
     */
    RotationWrite rotate(Token.RotationOutcome.Rotated rotated, BooleanSupplier alongside, Actor actor,
                         OptionalInt activePersonalLimit) {
        Token retiring = rotated.retiring();
        Revocation retirement = retiring.revocation().orElseThrow();
        admit(rotated.replacement().token());
        try {
            transactions.inTransaction(() -> {
                // The replacement first: the store locks the account before any token, in every transaction.
                SaveOutcome saved = saves.saveNew(rotated.replacement().token(),
                        AuditEvent.of(rotated.replacement().event(), actor), activePersonalLimit);
                if (saved != SaveOutcome.SAVED) {
                    throw new RolledBack(saved);
                }
                if (!alongside.getAsBoolean() || !(state.recordRevocation(retiring.id(), Optional.empty(), retirement)
                        instanceof RevocationWrite.Recorded)) {
                    throw new RolledBack(null);
                }
                audit.record(AuditEvent.of(rotated.event(), actor));
                record(revokeDelegates(retiring.id(), retirement.passedToDelegates()), actor);
                return null;
            });
            return RotationWrite.WRITTEN;
        } catch (RolledBack conflict) {
            return conflict.outcome == SaveOutcome.ACTIVE_LIMIT_REACHED ? RotationWrite.ACTIVE_LIMIT_REACHED
                    : conflict.outcome == SaveOutcome.DELEGATOR_ENDED ? RotationWrite.DELEGATOR_ENDED
                    : RotationWrite.CHANGED_MEANWHILE;
        }
    }

    /** What writing a rotation came to; nothing is written unless {@link #WRITTEN}. */
    enum RotationWrite {
        WRITTEN,
        /** The old token or the idempotency key changed since the rotation was decided. */
        CHANGED_MEANWHILE,
        /** The replacement's delegator ended since the rotation was decided. */
        DELEGATOR_ENDED,
        /** The overlap would leave the owner with more active tokens than allowed. */
        ACTIVE_LIMIT_REACHED
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

    /**
     * Takes a new token from its owner's allowance, on every path that makes one, before anything is written.
     *
     * @throws TooManyIssuancesException when the allowance is spent
     */
    private void admit(Token token) {
        if (limits.admit(token.owner()) instanceof IssuanceLimitPort.Admission.Refused refused) {
            throw new TooManyIssuancesException(refused.retryAfter());
        }
    }

    private void record(List<TokenEvent> events, Actor actor) {
        events.forEach(event -> audit.record(AuditEvent.of(event, actor)));
    }

    private List<TokenEvent> revokeEach(LoadTokenPort.Selection selection, Instant now, RevocationReason reason) {
        return revokeEach(selection, token -> true, now, reason);
    }

    private List<TokenEvent> revokeEach(LoadTokenPort.Selection selection, Predicate<Token> which, Instant now,
                                        RevocationReason reason) {
        List<TokenEvent> revoked = new ArrayList<>();
        Revocation revocation = new Revocation(now, reason);
        for (Token token : tokens.loadRevocable(selection, now)) {
            if (which.test(token)) {
                revoked.addAll(revokeWithDelegates(token, revocation));
            }
        }
        return revoked;
    }

    /**
     * Records the revocation on the token, then passes it down to the token's delegates, and theirs: the events of
     * every token this call revoked, the token's own first; none when the token's recorded revocation stands (its
     * delegates were revoked with it then).
     */
    private List<TokenEvent> revokeWithDelegates(Token token, Revocation revocation) {
        Token current = token;
        while (current.revoke(revocation.at(), revocation.reason()) instanceof Token.RevocationOutcome.Revoked revoked) {
            RevocationWrite write = state.recordRevocation(current.id(), current.revocation(),
                    revoked.token().revocation().orElseThrow());
            if (write instanceof RevocationWrite.ChangedMeanwhile changed) {
                if (changed.current().equals(current.revocation())) {
                    throw new IllegalStateException("the store refused a revocation over the one it holds: " + current.id());
                }
                current = asStored(current, changed.current());
            } else {
                List<TokenEvent> events = new ArrayList<>();
                events.add(revoked.event());
                events.addAll(revokeDelegates(current.id(), revocation.passedToDelegates()));
                return events;
            }
        }
        return List.of();
    }

    private List<TokenEvent> revokeDelegates(TokenId delegator, Revocation passed) {
        List<TokenEvent> revoked = new ArrayList<>();
        for (Token delegate : tokens.loadRevocable(new LoadTokenPort.Selection.DelegatesOf(delegator), passed.at())) {
            revoked.addAll(revokeWithDelegates(delegate, passed));
        }
        return revoked;
    }

    private static Token asStored(Token token, Optional<Revocation> revocation) {
        return Token.restore(token.attributes(), token.createdAt(), token.secretHash(),
                token.lastUsedAt().orElse(null), revocation.orElse(null), token.consumedAt().orElse(null));
    }

    /** Rolls back a write whose conditions no longer held when it was made; the store's refusal, if it was that. */
    private static final class RolledBack extends RuntimeException {
        private final transient SaveOutcome outcome;

        RolledBack(SaveOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
