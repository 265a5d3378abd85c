package dev.latchkey.adapter.persistence.authorizations;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuthorizationCodeGrant;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.CodeChallenge;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@MappedEntity("authorization_code")
record AuthorizationCodeRow(@Id String codeHash, String clientId, UUID accountId, String redirectUri,
                            boolean redirectUriNamed, String codeChallenge, String scopes, UUID grantId,
                            Instant issuedAt, Instant expiresAt, @Nullable Instant redeemedAt, @Nullable String jkt) {

    static AuthorizationCodeRow of(AuthorizationCodeGrant code) {
        return new AuthorizationCodeRow(code.codeHash().toHex(), code.client().value(), code.account().value(),
                code.redirectUri(), code.redirectUriNamed(), code.challenge().value(),
                code.scopes().asSpaceDelimited(), code.grant().value(), code.issuedAt(), code.expiresAt(),
                code.redeemedAt().orElse(null), code.dpopKey().map(KeyThumbprint::value).orElse(null));
    }

    AuthorizationCodeGrant toDomain() {
        return new AuthorizationCodeGrant(SecretHash.fromHex(codeHash), ClientId.of(clientId),
                new AccountId(accountId), redirectUri, redirectUriNamed, CodeChallenge.stored(codeChallenge),
                Scopes.parseSpaceDelimited(scopes), new GrantId(grantId), issuedAt, expiresAt,
                Optional.ofNullable(redeemedAt), Optional.ofNullable(jkt).map(KeyThumbprint::of));
    }
}
