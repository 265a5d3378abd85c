package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person authorized, waiting for its code to be redeemed: the account, the client, the request's redirect URI,
 * its PKCE challenge and scopes, for at most {@link #LIFETIME}. Redeemed once. The grant its tokens will join is
 * chosen when the code is made, so that a second presentation of the code revokes exactly the tokens the first one
 * got (RFC 6749 section 4.1.2).
 *
 * @param redirectUri      where the code was sent
 * @param redirectUriNamed whether the request named it; then the token request must name it too (RFC 6749
 *                         section 4.1.3), otherwise it may leave it out
 * @param dpopKey          the key the request bound the code to ({@code dpop_jkt}), if it did
 */
public record AuthorizationCodeGrant(SecretHash codeHash, ClientId client, AccountId account, String redirectUri,
                                     boolean redirectUriNamed, CodeChallenge challenge, Scopes scopes,
                                     GrantId grant, Instant issuedAt, Instant expiresAt,
                                     Optional<Instant> redeemedAt, Optional<KeyThumbprint> dpopKey) {

    /** RFC 6749 recommends at most ten minutes; a browser redirect followed by a token request takes seconds. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    public AuthorizationCodeGrant {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(redeemedAt, "redeemedAt");
        Objects.requireNonNull(dpopKey, "dpopKey");
        if (expiresAt.isAfter(issuedAt.plus(LIFETIME))) {
            throw new IllegalArgumentException("an authorization code lives at most " + LIFETIME);
        }
    }

    /** The code a person's authorization of this request makes, valid from {@code now} for {@link #LIFETIME}. */
    public static AuthorizationCodeGrant issue(SecretHash codeHash, AuthorizationRequest request, AccountId account,
                                               GrantId grant, Instant now) {
        return new AuthorizationCodeGrant(codeHash, request.client(), account, request.redirectUri(),
                request.redirectUriNamed(), request.challenge(), request.scopes(), grant, now, now.plus(LIFETIME),
                Optional.empty(), request.dpopKey());
    }

    /**
     * What presenting the code at the token endpoint, with a DPoP proof by {@code provenKey} or none, comes to. A code
     * already redeemed is a replay, whoever presents it; any other refusal leaves the code as it was, for its client
     * to redeem.
     */
    public Redemption redeem(ClientId presentedBy, Optional<String> presentedRedirectUri, String verifier,
                             Optional<KeyThumbprint> provenKey, Instant now) {
        if (redeemedAt.isPresent()) {
            return new Redemption.Replayed(this);
        }
        if (!now.isBefore(expiresAt)) {
            return new Redemption.Refused("The authorization code has expired.");
        }
        if (!client.equals(presentedBy)) {
            return new Redemption.Refused("The authorization code was issued to another client.");
        }
        boolean redirectMatches = presentedRedirectUri.map(redirectUri::equals).orElse(!redirectUriNamed);
        if (!redirectMatches) {
            return new Redemption.Refused("The redirect_uri is not the one the authorization request named.");
        }
        if (!challenge.isAnsweredBy(verifier)) {
            return new Redemption.Refused("The code_verifier does not answer the code_challenge.");
        }
        if (!KeyThumbprint.admits(dpopKey, provenKey)) {
            return new Redemption.Refused("The authorization code is bound to a key (dpop_jkt): redeem it with a "
                    + "DPoP proof made with that key.");
        }
        return new Redemption.Redeemed(new AuthorizationCodeGrant(codeHash, client, account, redirectUri,
                redirectUriNamed, challenge, scopes, grant, issuedAt, expiresAt, Optional.of(now), dpopKey));
    }

    /** What a presentation of the code came to. */
    public sealed interface Redemption {
        /** The code is spent now; its grant's tokens may be issued. */
        record Redeemed(AuthorizationCodeGrant code) implements Redemption {
        }

        /** The code was redeemed before: refused, and the tokens of its grant are to be revoked. */
        record Replayed(AuthorizationCodeGrant code) implements Redemption {
        }

        /** RFC 6749 {@code invalid_grant}, for the reason given. */
        record Refused(String reason) implements Redemption {
        }
    }

    @Override
    public String toString() {
        return "AuthorizationCodeGrant[client=" + client + ", account=" + account + ", scopes=" + scopes + ", grant="
                + grant + ", expiresAt=" + expiresAt + ", redeemed=" + redeemedAt.isPresent() + "]";
    }
}
