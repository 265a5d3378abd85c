package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.SecretHash;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("oauth_client")
record OAuthClientRow(@Id String id, String name, String secretHash, boolean enabled, Instant createdAt) {

    static OAuthClientRow fromDomain(OAuthClient client) {
        return new OAuthClientRow(client.id().value(), client.name(), client.secretHash().toHex(), client.enabled(),
                client.createdAt());
    }

    OAuthClient toDomain() {
        return new OAuthClient(ClientId.of(id), name, SecretHash.fromHex(secretHash), enabled, createdAt);
    }
}
