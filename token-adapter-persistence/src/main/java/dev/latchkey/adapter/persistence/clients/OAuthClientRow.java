package dev.latchkey.adapter.persistence.clients;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.RetiringSecret;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.SignInSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

@MappedEntity("oauth_client")
record OAuthClientRow(@Id String id, String name, String clientType, @Nullable String secretHash,
                      @Nullable String retiringSecretHash, @Nullable Instant retiringSecretUntil, String grantTypes,
                      @Nullable String scopes, @Nullable String redirectUris, boolean pushedRequestsRequired,
                      boolean consentSkipped, @Nullable String jwks, @Nullable String jwksUri,
                      boolean dpopBoundAccessTokens, boolean enabled, Instant createdAt) {

    static OAuthClientRow fromDomain(OAuthClient client) {
        return new OAuthClientRow(client.id().value(), client.name(), client.type().name(),
                client.secretHash().map(SecretHash::toHex).orElse(null),
                client.retiringSecret().map(retiring -> retiring.hash().toHex()).orElse(null),
                client.retiringSecret().map(RetiringSecret::until).orElse(null),
                client.grantTypes().stream().sorted().map(GrantType::wireName).collect(Collectors.joining(" ")),
                client.scopes().map(Scopes::asSpaceDelimited).orElse(null),
                redirectUrisColumn(client.signIn()), client.signIn().pushedRequestsRequired(),
                client.signIn().consentSkipped(), jwksColumn(client.keySettings()), jwksUriColumn(client.keySettings()),
                client.requiresDpop(), client.enabled(), client.createdAt());
    }

    static String jwksColumn(KeySettings settings) {
        return settings.keys().filter(ClientKeys.Listed.class::isInstance)
                .map(keys -> ((ClientKeys.Listed) keys).jwks()).orElse(null);
    }

    static String jwksUriColumn(KeySettings settings) {
        return settings.keys().filter(ClientKeys.Published.class::isInstance)
                .map(keys -> ((ClientKeys.Published) keys).jwksUri().toString()).orElse(null);
    }

    /** The redirect URIs, one per line (none can hold a line break), or null when there are none. */
    static String redirectUrisColumn(SignInSettings signIn) {
        return signIn.redirectUris().isEmpty() ? null
                : signIn.redirectUris().stream().map(RedirectUri::value).collect(Collectors.joining("\n"));
    }

    OAuthClient toDomain() {
        return new OAuthClient(ClientId.of(id), name, ClientType.valueOf(clientType),
                Optional.ofNullable(secretHash).map(SecretHash::fromHex),
                Optional.ofNullable(retiringSecretHash)
                        .map(hash -> new RetiringSecret(SecretHash.fromHex(hash), retiringSecretUntil)),
                Arrays.stream(grantTypes.split(" ")).map(name -> GrantType.fromWireName(name).orElseThrow(
                        () -> new IllegalStateException("unknown grant type in oauth_client: " + name)))
                        .collect(Collectors.toSet()),
                Optional.ofNullable(scopes).map(Scopes::parseSpaceDelimited),
                new SignInSettings(redirectUris == null ? List.of()
                        : Arrays.stream(redirectUris.split("\n")).map(RedirectUri::parse).toList(),
                        pushedRequestsRequired, consentSkipped),
                new KeySettings(jwks != null ? Optional.of(new ClientKeys.Listed(jwks))
                        : Optional.ofNullable(jwksUri).map(ClientKeys.Published::parse), dpopBoundAccessTokens),
                enabled, createdAt);
    }
}
