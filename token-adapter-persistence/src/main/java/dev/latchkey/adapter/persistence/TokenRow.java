package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("token")
record TokenRow(@Id UUID id, UUID ownerId, String kind, String description, String scopes, String secretHash,
                Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
                @Nullable Instant revokedAt, @Nullable String revocationReason) {

    static TokenRow fromDomain(Token token) {
        Revocation revocation = token.revocation().orElse(null);
        return new TokenRow(token.id().value(), token.owner().value(), token.kind().name(),
                token.description().value(), token.scopes().asSpaceDelimited(), token.secretHash().toHex(),
                token.createdAt(), token.expiry().instant().orElse(null), token.lastUsedAt().orElse(null),
                revocation == null ? null : revocation.at(),
                revocation == null ? null : revocation.reason().name());
    }

    Token toDomain() {
        Revocation revocation = revokedAt == null ? null
                : new Revocation(revokedAt, RevocationReason.valueOf(revocationReason));
        return Token.restore(new TokenId(id), new AccountId(ownerId), TokenKind.valueOf(kind),
                TokenDescription.of(description), Scopes.parseSpaceDelimited(scopes), createdAt,
                Expiry.ofNullable(expiresAt), lastUsedAt, revocation, SecretHash.fromHex(secretHash));
    }
}
