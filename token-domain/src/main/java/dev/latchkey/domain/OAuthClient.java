package dev.latchkey.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A registered OAuth 2.0 client: a confidential one (an API gateway, a resource server, a service) holds the hash of
 * its secret, never the secret; a public one (a command line, a mobile app) has none.
 *
 * @param grantTypes the grants it may use at the token endpoint
 * @param scopes     the scopes its tokens may carry, if it is limited to some; a client without such a limit gets the
 *                   scopes its accounts may hold, and client-credentials tokens without scopes
 */
public record OAuthClient(ClientId id, String name, ClientType type, Optional<SecretHash> secretHash,
                          Set<GrantType> grantTypes, Optional<Scopes> scopes, boolean enabled, Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 100;

    public OAuthClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(grantTypes, "grantTypes");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("name", "must be 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
        if (grantTypes.isEmpty()) {
            throw new InvalidValueException("grantTypes", "must name at least one grant type");
        }
        grantTypes = Set.copyOf(EnumSet.copyOf(grantTypes));
        if ((type == ClientType.PUBLIC) == secretHash.isPresent()) {
            throw new IllegalArgumentException("a confidential client has a secret, a public one has none");
        }
        if (type == ClientType.PUBLIC && grantTypes.contains(GrantType.CLIENT_CREDENTIALS)) {
            throw new InvalidValueException("grantTypes", "client_credentials is for confidential clients only");
        }
        if (grantTypes.contains(GrantType.CLIENT_CREDENTIALS) && serviceAccountIdOf(id).isEmpty()) {
            throw new InvalidValueException("client_id", "a client with a service account has a UUID as its id");
        }
    }

    /** A newly registered confidential client, enabled, with the default grants and no scope limit. */
    public static OAuthClient confidential(ClientId id, String name, SecretHash secretHash, Instant createdAt) {
        return new OAuthClient(id, name, ClientType.CONFIDENTIAL, Optional.of(secretHash), defaultGrantTypes(),
                Optional.empty(), true, createdAt);
    }

    /** The grants a client gets when its registration names none: all but client credentials, which is asked for. */
    public static Set<GrantType> defaultGrantTypes() {
        return EnumSet.of(GrantType.PASSWORD, GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE);
    }

    /** Constant-time check of a presented secret against the stored hash; a public client has no secret to match. */
    public boolean hasSecret(ClientSecret presented) {
        return secretHash.map(hash -> hash.matches(presented.hash())).orElse(false);
    }

    public boolean isPublic() {
        return type == ClientType.PUBLIC;
    }

    public boolean mayUse(GrantType grantType) {
        return enabled && grantTypes.contains(grantType);
    }

    /** Whether tokens obtained through this client may carry these scopes. */
    public boolean mayRequest(Scopes requested) {
        return scopes.map(allowed -> allowed.containsAll(requested)).orElse(true);
    }

    /**
     * The account that client-credentials tokens belong to, if the client may use that grant. It has the client's
     * id, so that such a token's owner, its {@code sub}, is the client (as in Keycloak's service accounts).
     */
    public Optional<AccountId> serviceAccount() {
        return grantTypes.contains(GrantType.CLIENT_CREDENTIALS) ? serviceAccountIdOf(id) : Optional.empty();
    }

    /** The service account's username: unique, since the client id is, and telling what it is. */
    public Username serviceAccountUsername() {
        return Username.of("service-account-" + id.value());
    }

    /** The client gets no more tokens; the use case revokes those it holds. */
    public ClientUpdate disable() {
        return enabled ? new ClientUpdate(withEnabled(false), Optional.of(ClientUpdate.Change.DISABLED))
                : new ClientUpdate(this, Optional.empty());
    }

    /** The client may get tokens again; those revoked when it was disabled stay revoked. */
    public ClientUpdate enable() {
        return enabled ? new ClientUpdate(this, Optional.empty())
                : new ClientUpdate(withEnabled(true), Optional.of(ClientUpdate.Change.ENABLED));
    }

    public OAuthClient withEnabled(boolean nowEnabled) {
        return new OAuthClient(id, name, type, secretHash, grantTypes, scopes, nowEnabled, createdAt);
    }

    private static Optional<AccountId> serviceAccountIdOf(ClientId id) {
        try {
            UUID uuid = UUID.fromString(id.value());
            return uuid.toString().equals(id.value()) ? Optional.of(new AccountId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "OAuthClient[id=" + id + ", name=" + name + ", type=" + type.wireName() + ", enabled=" + enabled + "]";
    }
}
