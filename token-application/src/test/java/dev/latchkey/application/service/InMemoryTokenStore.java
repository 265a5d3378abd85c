package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A faithful in-memory stand-in for the token store, including its conditional writes. */
final class InMemoryTokenStore implements LoadTokenPort, SaveTokenPort, UpdateTokenStatePort {

    private final Map<TokenId, Token> tokens = new ConcurrentHashMap<>();

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
    public void saveNew(Token token) {
        if (tokens.putIfAbsent(token.id(), token) != null) {
            throw new IllegalStateException("duplicate token id " + token.id());
        }
    }

    @Override
    public synchronized void recordUse(TokenId id, Instant usedAt) {
        Token token = tokens.get(id);
        if (token.lastUsedAt().map(last -> last.isBefore(usedAt)).orElse(true)) {
            tokens.put(id, Token.restore(token.attributes(), token.createdAt(), token.secretHash(), usedAt,
                    token.revocation().orElse(null), token.consumedAt().orElse(null)));
        }
    }

    @Override
    public synchronized RevocationWrite recordRevocation(TokenId id, Revocation revocation) {
        Token token = tokens.get(id);
        if (token.revocation().filter(existing -> !existing.yieldsTo(revocation)).isPresent()) {
            return RevocationWrite.ALREADY_REVOKED;
        }
        tokens.put(id, Token.restore(token.attributes(), token.createdAt(), token.secretHash(),
                token.lastUsedAt().orElse(null), revocation, token.consumedAt().orElse(null)));
        return RevocationWrite.RECORDED;
    }

    @Override
    public synchronized int supersede(AccountId owner, dev.latchkey.domain.TokenDescription description,
                                      Revocation revocation) {
        int revoked = 0;
        for (Token token : List.copyOf(tokens.values())) {
            if (token.isOwnedBy(owner) && token.description().equals(description)
                    && token.kind() == dev.latchkey.domain.TokenKind.PERSONAL && token.revocation().isEmpty()
                    && recordRevocation(token.id(), revocation) == RevocationWrite.RECORDED) {
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public synchronized int revokeGrant(GrantId grant, Revocation revocation) {
        return revokeAll(token -> token.grant().filter(grant::equals).isPresent(), revocation);
    }

    @Override
    public synchronized int revokeClient(ClientId client, Revocation revocation) {
        return revokeAll(token -> token.client().filter(client::equals).isPresent(), revocation);
    }

    private int revokeAll(java.util.function.Predicate<Token> which, Revocation revocation) {
        int revoked = 0;
        for (Token token : List.copyOf(tokens.values())) {
            if (which.test(token) && recordRevocation(token.id(), revocation) == RevocationWrite.RECORDED) {
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public synchronized ConsumptionWrite recordConsumption(TokenId id, Instant consumedAt) {
        Token token = tokens.get(id);
        if (!(token.consume(consumedAt) instanceof Token.ConsumptionOutcome.Consumed consumed)) {
            return ConsumptionWrite.NOT_CONSUMABLE;
        }
        tokens.put(id, consumed.token());
        return ConsumptionWrite.CONSUMED;
    }

    int size() {
        return tokens.size();
    }
}
