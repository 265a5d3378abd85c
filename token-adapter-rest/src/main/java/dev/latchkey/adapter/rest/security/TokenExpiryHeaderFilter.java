package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.Timestamps;
import dev.latchkey.application.port.in.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;

/**
 * Tells a client authenticated with a token when that token expires ({@value #HEADER}, as GitHub's
 * {@code GitHub-Authentication-Token-Expiration}), so that it can renew in time instead of failing later. Tokens
 * that never expire get no header. A client that proved possession of a key also learns the DPoP nonce for its next
 * proof, so that it need not be refused once per nonce to learn it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class TokenExpiryHeaderFilter {

    static final String HEADER = "Latchkey-Token-Expires";

    @ResponseFilter
    void announceExpiry(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getUserPrincipal(Authentication.class)
                .filter(authentication -> authentication.getAttributes().containsKey(AuthenticatedCaller.ATTRIBUTE))
                .map(AuthenticatedCaller::of)
                .flatMap(Caller::presented)
                .flatMap(token -> token.expiry().instant())
                .ifPresent(expiry -> response.getHeaders().set(HEADER, Timestamps.isoMillis(expiry)));
        ChallengeScheme.sendOfferedNonce(request, response);
    }
}
