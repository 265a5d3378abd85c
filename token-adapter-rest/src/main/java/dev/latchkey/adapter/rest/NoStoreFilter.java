package dev.latchkey.adapter.rest;

import dev.latchkey.adapter.rest.oauth.OAuthEndpoints;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Responses of the API and of every surface that hands out or describes credentials hold secrets or facts about
 * credentials; no cache, shared or private, may keep them (RFC 6749 section 5.1 asks the same of token responses).
 * Ordered outside the security filter, so that its refusals (a 401, an administrator-only 403) are covered too.
 * The one exception is the JWK set: public keys only, which resource servers are meant to cache.
 */
@ServerFilter({"/api/**", "/oauth2/**", "/Token", "/ds-api/**", "/v4/**"})
final class NoStoreFilter implements Ordered {

    @ResponseFilter
    void forbidCaching(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getPath().equals(OAuthEndpoints.JWKS) && response.status() == HttpStatus.OK) {
            return;
        }
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
