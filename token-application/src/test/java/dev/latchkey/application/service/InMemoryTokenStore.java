package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/** A faithful in-memory stand-in for the token store, including its conditional writes. */
final class InMemoryTokenStore implements LoadTokenPort, SaveTokenPort, UpdateTokenStatePort {

    private final Map<TokenId, Token> tokens = new ConcurrentHashMap<>();
    private final RecordAuditEventPort trail;
    /** Every state change written, as a verb and the token id ("revoked 0b5e..."), for tests that match them to events. */
    final List<String> changes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    InMemoryTokenStore(RecordAuditEventPort trail) {
        this.trail = trail;
    }

    /** Every token kept, in no order. */
    java.util.Collection<Token> all() {
        return List.copyOf(tokens.values());
    }

    @Override
    public Optional<Token> loadById(TokenId id) {
        return Optional.ofNullable(tokens.get(id));
    }

    @Override
    public Optional<Token> loadBySecretHash(SecretHash hash) {
        return tokens.values().stream().filter(token -> token.secretHash().equals(hash)).findFirst();
    }

    @Override
    public List<Token> loadOwnedBy(AccountId owner, long offset, int limit) {
        return tokens.values().stream().filter(token -> token.isOwnedBy(owner))
                .sorted(Comparator.comparing(Token::createdAt).reversed().thenComparing(t -> t.id().value()))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long countOwnedBy(AccountId owner) {
        return tokens.values().stream().filter(token -> token.isOwnedBy(owner)).count();
    }

    @Override
    public List<Token> loadMatching(Optional<AccountId> owner, TokenFilter filter, Instant now, long offset,
                                    int limit) {
        return matching(owner, filter, now).skip(offset).limit(limit).toList();
    }

    @Override
    public long countMatching(Optional<AccountId> owner, TokenFilter filter, Instant now) {
        return matching(owner, filter, now).count();
    }

    private java.util.stream.Stream<Token> matching(Optional<AccountId> owner, TokenFilter filter, Instant now) {
        return tokens.values().stream().filter(token -> owner.map(token::isOwnedBy).orElse(true))
                .filter(token -> filter.matches(token, now))
                .sorted(Comparator.comparing(Token::createdAt).reversed().thenComparing(t -> t.id().value()));
    }

    /** The store's guard as the real one keeps it: a live, outlasting delegator, and the count under the limit. */
    @Override
    public synchronized SaveOutcome saveNew(Token token, AuditEvent issued, OptionalInt activePersonalLimit) {
        if (token.delegator().isPresent()) {
            Optional<Token> delegator = token.delegator().map(tokens::get)
                    .filter(found -> found.isActiveAt(token.createdAt()))
                    .filter(found -> found.delegate(token.scopes(), token.expiry())
                            instanceof Token.Delegation.Permitted);
            if (delegator.isEmpty()) {
                return SaveOutcome.DELEGATOR_ENDED;
            }
        }
        if (activePersonalLimit.isPresent() && token.kind() == TokenKind.PERSONAL
                && countMatching(Optional.of(token.owner()), TokenFilter.activePersonal(), token.createdAt())
                >= activePersonalLimit.getAsInt()) {
            return SaveOutcome.ACTIVE_LIMIT_REACHED;
        }
        if (tokens.putIfAbsent(token.id(), token) != null) {
            throw new IllegalStateException("duplicate token id " + token.id());
        }
        changes.add("issued " + token.id());
        trail.record(issued);
        return SaveOutcome.SAVED;
    }

    @Override
    public synchronized void recordUse(TokenId id, Instant usedAt) {
        Token token = tokens.get(id);
        if (token.lastUsedAt().map(last -> last.isBefore(usedAt)).orElse(true)) {
            tokens.put(id, Token.restore(token.attributes(), token.createdAt(), token.secretHash(), usedAt,
                    token.revocation().orElse(null), token.consumedAt().orElse(null)));
        }
        changes.add("used " + id);
    }

    @Override
    public synchronized List<Token> loadRevocable(LoadTokenPort.Selection selection, Instant at) {
        return tokens.values().stream().filter(token -> selected(selection, token))
                .filter(token -> token.revocation().map(revocation -> revocation.at().isAfter(at)).orElse(true))
                .toList();
    }

    private static boolean selected(LoadTokenPort.Selection selection, Token token) {
        if (selection instanceof LoadTokenPort.Selection.OfGrant grant) {
            return token.grant().equals(Optional.of(grant.grant()));
        }
        if (selection instanceof LoadTokenPort.Selection.IssuedTo client) {
            return token.client().equals(Optional.of(client.client()));
        }
        if (selection instanceof LoadTokenPort.Selection.DelegatesOf delegates) {
            return token.delegator().equals(Optional.of(delegates.delegator()));
        }
        if (selection instanceof LoadTokenPort.Selection.OwnedBy owner) {
            return token.isOwnedBy(owner.owner());
        }
        LoadTokenPort.Selection.PersonalDescribed described = (LoadTokenPort.Selection.PersonalDescribed) selection;
        return token.isOwnedBy(described.owner()) && token.kind() == TokenKind.PERSONAL
                && token.description().equals(described.description());
    }

    /** Compare and set, as the real store does: no rule of its own, only "still what the caller read". */
    @Override
    public synchronized RevocationWrite recordRevocation(TokenId id, Optional<Revocation> replacing,
                                                         Revocation revocation) {
        Token token = tokens.get(id);
        if (!token.revocation().equals(replacing)) {
            return new RevocationWrite.ChangedMeanwhile(token.revocation());
        }
        tokens.put(id, Token.restore(token.attributes(), token.createdAt(), token.secretHash(),
                token.lastUsedAt().orElse(null), revocation, token.consumedAt().orElse(null)));
        changes.add("revoked " + id);
        return new RevocationWrite.Recorded();
    }

    @Override
    public synchronized ConsumptionWrite recordConsumption(TokenId id, Instant consumedAt) {
        Token token = tokens.get(id);
        if (!(token.consume(consumedAt) instanceof Token.ConsumptionOutcome.Consumed consumed)) {
            return ConsumptionWrite.NOT_CONSUMABLE;
        }
        tokens.put(id, consumed.token());
        changes.add("consumed " + id);
        return ConsumptionWrite.CONSUMED;
    }

    void deleteOwnedBy(AccountId owner) {
        tokens.values().removeIf(token -> token.isOwnedBy(owner));
    }

    int size() {
        return tokens.size();
    }
}
