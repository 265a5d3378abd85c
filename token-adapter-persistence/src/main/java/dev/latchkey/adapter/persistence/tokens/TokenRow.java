package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@MappedEntity("token")
record TokenRow(@Id UUID id, UUID ownerId, String kind, String description, String scopes, String secretHash,
                Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
                @Nullable Instant revokedAt, @Nullable String revocationReason, @Nullable UUID grantId,
                @Nullable String clientId, @Nullable Instant consumedAt, @Nullable String grantSurface,
                @Nullable String audience, @Nullable UUID delegatorId, @Nullable String jkt) {

    static TokenRow fromDomain(Token token) {
        Revocation revocation = token.revocation().orElse(null);
        return new TokenRow(token.id().value(), token.owner().value(), token.kind().name(),
                token.description().value(), token.scopes().asSpaceDelimited(), token.secretHash().toHex(),
                token.createdAt(), token.expiry().instant().orElse(null), token.lastUsedAt().orElse(null),
                revocation == null ? null : revocation.at(),
                revocation == null ? null : revocation.reason().name(),
                token.grant().map(GrantId::value).orElse(null), token.client().map(ClientId::value).orElse(null),
                token.consumedAt().orElse(null), token.surface().map(GrantSurface::name).orElse(null),
                token.audience().map(Audience::value).orElse(null),
                token.delegator().map(TokenId::value).orElse(null),
                token.proofKey().map(KeyThumbprint::value).orElse(null));
    }

    Token toDomain() {
        Revocation revocation = revokedAt == null ? null
                : new Revocation(revokedAt, RevocationReason.valueOf(revocationReason));
        TokenAttributes attributes = new TokenAttributes(new TokenId(id), new AccountId(ownerId),
                TokenKind.valueOf(kind), TokenDescription.of(description), Scopes.parseSpaceDelimited(scopes),
                Expiry.ofNullable(expiresAt), Optional.ofNullable(grantId).map(GrantId::new),
                Optional.ofNullable(clientId).map(ClientId::new), Optional.ofNullable(grantSurface).map(GrantSurface::new),
                Optional.ofNullable(audience).map(Audience::new), Optional.ofNullable(delegatorId).map(TokenId::new),
                Optional.ofNullable(jkt).map(KeyThumbprint::of));
        return Token.restore(attributes, createdAt, SecretHash.fromHex(secretHash), lastUsedAt, revocation,
                consumedAt);
    }
}
