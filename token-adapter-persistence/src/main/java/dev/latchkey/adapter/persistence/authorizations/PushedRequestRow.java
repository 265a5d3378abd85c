package dev.latchkey.adapter.persistence.authorizations;

import dev.latchkey.domain.AuthorizationRequest;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.CodeChallenge;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Prompt;
import dev.latchkey.domain.PushedAuthorizationRequest;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

@MappedEntity("pushed_authorization_request")
record PushedRequestRow(@Id String referenceHash, String clientId, String redirectUri, boolean redirectUriNamed,
                        String scopes, @Nullable String state, String codeChallenge, String prompts,
                        Instant expiresAt, @Nullable Instant completedAt, @Nullable String jkt) {

    static PushedRequestRow of(PushedAuthorizationRequest pushed) {
        AuthorizationRequest request = pushed.request();
        return new PushedRequestRow(pushed.referenceHash().toHex(), request.client().value(), request.redirectUri(),
                request.redirectUriNamed(), request.scopes().asSpaceDelimited(), request.state().orElse(null),
                request.challenge().value(),
                request.prompts().stream().map(Prompt::wireName).sorted().collect(Collectors.joining(" ")),
                pushed.expiresAt(), pushed.completedAt().orElse(null),
                request.dpopKey().map(KeyThumbprint::value).orElse(null));
    }

    PushedAuthorizationRequest toDomain() {
        return new PushedAuthorizationRequest(SecretHash.fromHex(referenceHash), new AuthorizationRequest(
                ClientId.of(clientId), redirectUri, redirectUriNamed, Scopes.parseSpaceDelimited(scopes),
                Optional.ofNullable(state), CodeChallenge.stored(codeChallenge), Prompt.parse(prompts),
                Optional.ofNullable(jkt).map(KeyThumbprint::of)), expiresAt,
                Optional.ofNullable(completedAt));
    }
}
