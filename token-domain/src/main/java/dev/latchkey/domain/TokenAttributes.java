package dev.latchkey.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a token is, fixed when it is issued and never changed afterwards.
 *
 * @param grant  the authorization grant the token belongs to, for access and refresh tokens obtained through the
 *               token endpoint
 * @param client   the OAuth 2.0 client the token was issued to, when one authenticated
 * @param audience  who the token is meant for, when it was narrowed to one (by a token exchange)
 * @param delegator the token that was presented as the credential to make this one, which makes this one its
 *                  delegate: it ends when its delegator is revoked or rotated out (ADR 5). Empty for a root, made
 *                  with a password, a client's secret or a refresh token.
 * @param proofKey  the key a sender-constrained token is bound to (RFC 9449): it is accepted only with a proof signed
 *                  by that key. Empty for a bearer token.
 */
public record TokenAttributes(TokenId id, AccountId owner, TokenKind kind, TokenDescription description, Scopes scopes,
                              Expiry expiry, Optional<GrantId> grant, Optional<ClientId> client,
                              Optional<GrantSurface> surface, Optional<Audience> audience,
                              Optional<TokenId> delegator, Optional<KeyThumbprint> proofKey) {

    public TokenAttributes {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(delegator, "delegator");
        Objects.requireNonNull(proofKey, "proofKey");
        if (delegator.equals(Optional.of(id))) {
            throw new InvalidValueException("delegator", "a token cannot be its own delegator");
        }
        if (surface.isPresent() && grant.isEmpty()) {
            throw new InvalidValueException("surface", "only a grant's tokens are made through a surface");
        }
    }

    /** A token meant for any audience. */
    public TokenAttributes(TokenId id, AccountId owner, TokenKind kind, TokenDescription description, Scopes scopes,
                           Expiry expiry, Optional<GrantId> grant, Optional<ClientId> client,
                           Optional<GrantSurface> surface) {
        this(id, owner, kind, description, scopes, expiry, grant, client, surface, Optional.empty(), Optional.empty());
    }

    /** A root token for the audience given, if any. */
    public TokenAttributes(TokenId id, AccountId owner, TokenKind kind, TokenDescription description, Scopes scopes,
                           Expiry expiry, Optional<GrantId> grant, Optional<ClientId> client,
                           Optional<GrantSurface> surface, Optional<Audience> audience) {
        this(id, owner, kind, description, scopes, expiry, grant, client, surface, audience, Optional.empty());
    }

    /** A token bound to no key: a bearer token. */
    public TokenAttributes(TokenId id, AccountId owner, TokenKind kind, TokenDescription description, Scopes scopes,
                           Expiry expiry, Optional<GrantId> grant, Optional<ClientId> client,
                           Optional<GrantSurface> surface, Optional<Audience> audience, Optional<TokenId> delegator) {
        this(id, owner, kind, description, scopes, expiry, grant, client, surface, audience, delegator,
                Optional.empty());
    }

    /** A personal token: made directly by its owner, outside any grant or client. */
    public static TokenAttributes personal(TokenId id, AccountId owner, TokenDescription description, Scopes scopes,
                                           Expiry expiry) {
        return new TokenAttributes(id, owner, TokenKind.PERSONAL, description, scopes, expiry, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The same token with another expiry; for a replacement or a shortened overlap. */
    public TokenAttributes withExpiry(Expiry newExpiry) {
        return new TokenAttributes(id, owner, kind, description, scopes, newExpiry, grant, client, surface, audience,
                delegator, proofKey);
    }

    public TokenAttributes withId(TokenId newId) {
        return new TokenAttributes(newId, owner, kind, description, scopes, expiry, grant, client, surface, audience,
                delegator, proofKey);
    }

    /**
     * The same token made with {@code presented} as its credential: its delegate, meant for the presented token's
     * audience, since a delegate can do no more than its delegator, and one narrowed to an audience stays narrowed.
     */
    public TokenAttributes delegatedBy(Token presented) {
        return new TokenAttributes(id, owner, kind, description, scopes, expiry, grant, client, surface,
                presented.audience(), Optional.of(presented.id()), proofKey);
    }

    /** The same token with no delegator, or another one; for a rotation's replacement. */
    public TokenAttributes withDelegator(Optional<TokenId> newDelegator) {
        return new TokenAttributes(id, owner, kind, description, scopes, expiry, grant, client, surface, audience,
                newDelegator, proofKey);
    }

    /** The same token bound to a key, or to none. */
    public TokenAttributes withProofKey(Optional<KeyThumbprint> newProofKey) {
        return new TokenAttributes(id, owner, kind, description, scopes, expiry, grant, client, surface, audience,
                delegator, newProofKey);
    }
}
