package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores tokens in the {@code token} table. Each method is one statement, so each is its own transaction. */
@Singleton
public class TokenPersistenceAdapter implements LoadTokenPort, SaveTokenPort, UpdateTokenStatePort {

    private final TokenRepository repository;

    TokenPersistenceAdapter(TokenRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Token> loadById(TokenId id) {
        return repository.findById(id.value()).map(TokenRow::toDomain);
    }

    @Override
    public Optional<Token> loadBySecretHash(SecretHash hash) {
        return repository.findBySecretHash(hash.toHex()).map(TokenRow::toDomain);
    }

    @Override
    public List<Token> loadOwnedBy(AccountId owner, long offset, int limit) {
        return repository.findOwnedBy(owner.value(), limit, offset).stream().map(TokenRow::toDomain).toList();
    }

    @Override
    public long countOwnedBy(AccountId owner) {
        return repository.countByOwnerId(owner.value());
    }

    @Override
    public void saveNew(Token token) {
        repository.save(TokenRow.fromDomain(token));
    }

    @Override
    public void recordUse(TokenId id, Instant usedAt) {
        repository.recordUse(id.value(), usedAt);
    }

    @Override
    public RevocationWrite recordRevocation(TokenId id, Revocation revocation) {
        long updated = repository.recordRevocation(id.value(), revocation.at(), revocation.reason().name());
        return updated == 1 ? RevocationWrite.RECORDED : RevocationWrite.ALREADY_REVOKED;
    }
}
