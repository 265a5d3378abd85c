package dev.latchkey.adapter.persistence.authorizations;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.DeviceAuthorization;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@MappedEntity("device_authorization")
record DeviceAuthorizationRow(@Id String deviceCodeHash, String userCodeHash, String clientId, String scopes,
                              UUID grantId, Instant issuedAt, Instant expiresAt, int intervalSeconds,
                              @Nullable Instant lastPolledAt, String state, @Nullable UUID accountId,
                              @Nullable String jkt) {

    static DeviceAuthorizationRow of(DeviceAuthorization authorization) {
        return new DeviceAuthorizationRow(authorization.deviceCodeHash().toHex(),
                authorization.userCodeHash().toHex(), authorization.client().value(),
                authorization.scopes().asSpaceDelimited(), authorization.grant().value(), authorization.issuedAt(),
                authorization.expiresAt(), Math.toIntExact(authorization.interval().toSeconds()),
                authorization.lastPolledAt().orElse(null), authorization.state().name(),
                authorization.account().map(AccountId::value).orElse(null),
                authorization.dpopKey().map(KeyThumbprint::value).orElse(null));
    }

    DeviceAuthorization toDomain() {
        return new DeviceAuthorization(SecretHash.fromHex(deviceCodeHash), SecretHash.fromHex(userCodeHash),
                ClientId.of(clientId), Scopes.parseSpaceDelimited(scopes), new GrantId(grantId), issuedAt, expiresAt,
                Duration.ofSeconds(intervalSeconds), Optional.ofNullable(lastPolledAt),
                DeviceAuthorization.State.valueOf(state), Optional.ofNullable(accountId).map(AccountId::new),
                Optional.ofNullable(jkt).map(KeyThumbprint::of));
    }
}
