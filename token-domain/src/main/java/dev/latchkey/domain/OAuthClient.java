package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A registered OAuth 2.0 client: a confidential one (an API gateway, a resource server, a service) proves who it is
 * with a secret, of which Latchkey holds only the hash, or with assertions signed by its own keys
 * ({@code private_key_jwt}), of which Latchkey holds only the public halves; a public one (a command line, a mobile
 * app) has neither.
 *
 * @param retiringSecret the secret before the latest rotation, and until when it is accepted beside the new one
 * @param signIn         where it may send people back after they sign in, for the authorization code grant
 * @param keySettings    the keys a confidential client without a secret signs with, and whether its access tokens
 *                       must be DPoP-bound
 * @param grantTypes the grants it may use at the token endpoint
 * @param scopes     the scopes its tokens may carry, if it is limited to some; a client without such a limit gets the
 *                   scopes its accounts may hold, and client-credentials tokens without scopes
 */
public record OAuthClient(ClientId id, String name, ClientType type, Optional<SecretHash> secretHash,
                          Optional<RetiringSecret> retiringSecret, Set<GrantType> grantTypes,
                          Optional<Scopes> scopes, SignInSettings signIn, KeySettings keySettings, boolean enabled,
                          Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 100;
    /** How long a rotated-out secret may stay accepted: long enough for a weekly deploy, short enough to matter. */
    public static final Duration MAX_RETIRING_SECRET = Duration.ofDays(7);

    public OAuthClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(retiringSecret, "retiringSecret");
        Objects.requireNonNull(grantTypes, "grantTypes");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(keySettings, "keySettings");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("name", "must be 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
        if (grantTypes.isEmpty()) {
            throw new InvalidValueException("grantTypes", "must name at least one grant type");
        }
        grantTypes = Set.copyOf(EnumSet.copyOf(grantTypes));
        boolean keys = keySettings.keys().isPresent();
        if (type == ClientType.PUBLIC && (secretHash.isPresent() || keys)) {
            throw new IllegalArgumentException("a public client has neither a secret nor keys");
        }
        if (type == ClientType.CONFIDENTIAL && secretHash.isPresent() == keys) {
            throw new IllegalArgumentException("a confidential client has a secret or keys, never both");
        }
        if (retiringSecret.isPresent() && secretHash.isEmpty()) {
            throw new IllegalArgumentException("only a client with a secret can have one retiring");
        }
        if (type == ClientType.PUBLIC && grantTypes.contains(GrantType.CLIENT_CREDENTIALS)) {
            throw new InvalidValueException("grantTypes", "client_credentials is for confidential clients only");
        }
        if (grantTypes.contains(GrantType.CLIENT_CREDENTIALS) && serviceAccountIdOf(id).isEmpty()) {
            throw new InvalidValueException("client_id", "a client with a service account has a UUID as its id");
        }
    }

    /**
     * A client that sends no one to sign in, whose secret was never rotated (or whose rotated-out secret is no longer
     * accepted).
     */
    public OAuthClient(ClientId id, String name, ClientType type, Optional<SecretHash> secretHash,
                       Set<GrantType> grantTypes, Optional<Scopes> scopes, boolean enabled, Instant createdAt) {
        this(id, name, type, secretHash, Optional.empty(), grantTypes, scopes, SignInSettings.none(),
                KeySettings.none(), enabled, createdAt);
    }

    /** A newly registered confidential client, enabled, with the default grants and no scope limit. */
    public static OAuthClient confidential(ClientId id, String name, SecretHash secretHash, Instant createdAt) {
        return new OAuthClient(id, name, ClientType.CONFIDENTIAL, Optional.of(secretHash),
                defaultGrantTypes(ClientType.CONFIDENTIAL, false), Optional.empty(), true, createdAt);
    }

    /**
     * The grants a client gets when its registration names none: people sign in through the authorization code
     * grant, and refresh; a confidential client registered with its own scopes also acts as itself. The password
     * grant is legacy and only ever asked for.
     */
    public static Set<GrantType> defaultGrantTypes(ClientType type, boolean scopesListed) {
        Set<GrantType> grants = EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
        if (type == ClientType.CONFIDENTIAL && scopesListed) {
            grants.add(GrantType.CLIENT_CREDENTIALS);
        }
        return grants;
    }

    /**
     * Constant-time check of a presented secret against the stored hash, and against the retiring one while it is
     * accepted; a public client has no secret to match.
     */
    public boolean hasSecret(ClientSecret presented, Instant now) {
        SecretHash presentedHash = presented.hash();
        boolean current = secretHash.map(hash -> hash.matches(presentedHash)).orElse(false);
        boolean retiring = retiringSecret.filter(previous -> previous.acceptsAt(now))
                .map(previous -> previous.hash().matches(presentedHash)).orElse(false);
        return current | retiring;
    }

    public boolean isPublic() {
        return type == ClientType.PUBLIC;
    }

    /** A confidential client that proves who it is with assertions signed by its keys, not with a secret. */
    public boolean signsAssertions() {
        return keySettings.keys().isPresent();
    }

    /**
     * How the client proves who it is, by its RFC 7591 name: {@code none} (a public client), {@code
     * client_secret_basic} (a secret, in HTTP Basic or, as {@code client_secret_post}, in the body) or {@code
     * private_key_jwt}.
     */
    public String authenticationMethod() {
        return isPublic() ? "none" : signsAssertions() ? "private_key_jwt" : "client_secret_basic";
    }

    /** Whether a token request from this client must carry a DPoP proof (RFC 9449 section 5.2). */
    public boolean requiresDpop() {
        return keySettings.dpopBoundAccessTokens();
    }

    public boolean mayUse(GrantType grantType) {
        return enabled && grantTypes.contains(grantType);
    }

    /** Where an authorization request naming {@code named} (or nothing) is answered; empty if nowhere it may be. */
    public Optional<String> redirectFor(Optional<String> named) {
        return signIn.redirectFor(named, type);
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

    /**
     * The client's secret becomes {@code newSecret}. The one it replaces stays accepted for {@code previousValidFor}
     * (zero ends it at once, as after a leak); a secret rotated out earlier ends now, whatever was left of its time.
     *
     * @throws InvalidValueException if the client is public, or the overlap is negative or longer than
     *                               {@link #MAX_RETIRING_SECRET}
     */
    public ClientUpdate rotateSecret(SecretHash newSecret, Instant now, Duration previousValidFor) {
        Objects.requireNonNull(newSecret, "newSecret");
        if (secretHash.isEmpty()) {
            throw new InvalidValueException("client", "has no secret to rotate: it is public, or signs with keys");
        }
        if (previousValidFor.isNegative() || previousValidFor.compareTo(MAX_RETIRING_SECRET) > 0) {
            throw new InvalidValueException("previousSecretValidForSeconds",
                    "must be 0 to " + MAX_RETIRING_SECRET.toSeconds());
        }
        Optional<RetiringSecret> retiring = previousValidFor.isZero() ? Optional.empty()
                : Optional.of(new RetiringSecret(secretHash.get(), now.plus(previousValidFor)));
        OAuthClient rotated = new OAuthClient(id, name, type, Optional.of(newSecret), retiring, grantTypes, scopes,
                signIn, keySettings, enabled, createdAt);
        return new ClientUpdate(rotated, Optional.of(ClientUpdate.Change.SECRET_ROTATED));
    }

    /**
     * How the client sends people to sign in becomes {@code settings}: its redirect URIs, whether it must push its
     * requests, whether it is trusted to need no consent. Codes already issued keep the redirect URI they were
     * issued for; consent already given stays.
     */
    public ClientUpdate changeSignIn(SignInSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.equals(signIn)) {
            return new ClientUpdate(this, Optional.empty());
        }
        return new ClientUpdate(new OAuthClient(id, name, type, secretHash, retiringSecret, grantTypes, scopes,
                settings, keySettings, enabled, createdAt), Optional.of(ClientUpdate.Change.SIGN_IN_CHANGED));
    }

    /**
     * The client's keys, or whether its tokens must be DPoP-bound, become {@code settings}. A client that signs with
     * keys replaces them this way without downtime: it lists old and new keys, each chosen by its {@code kid}, until
     * it signs only with the new. A client's way of authenticating does not change: one with a secret gets no keys,
     * and one with keys keeps having some.
     *
     * @throws InvalidValueException if the change would give keys to a client with a secret or a public one, or
     *                               take them from one that signs with them
     */
    public ClientUpdate changeKeys(KeySettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.keys().isPresent() != signsAssertions()) {
            throw new InvalidValueException("keys", signsAssertions()
                    ? "cannot be removed: the client authenticates with them"
                    : "can only be given to a client registered to sign with them (private_key_jwt)");
        }
        if (settings.equals(keySettings)) {
            return new ClientUpdate(this, Optional.empty());
        }
        return new ClientUpdate(new OAuthClient(id, name, type, secretHash, retiringSecret, grantTypes, scopes,
                signIn, settings, enabled, createdAt), Optional.of(ClientUpdate.Change.KEYS_CHANGED));
    }

    /** The rotated-out secret, if it is still accepted at {@code now}. */
    public Optional<RetiringSecret> retiringSecretAt(Instant now) {
        return retiringSecret.filter(previous -> previous.acceptsAt(now));
    }

    public OAuthClient withEnabled(boolean nowEnabled) {
        return new OAuthClient(id, name, type, secretHash, retiringSecret, grantTypes, scopes, signIn, keySettings,
                nowEnabled, createdAt);
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
