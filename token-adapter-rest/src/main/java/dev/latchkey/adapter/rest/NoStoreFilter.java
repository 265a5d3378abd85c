package dev.latchkey.adapter.rest;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * No cache, shared or private, keeps a response unless the code that made it says it may: responses of the API and
 * of every surface that hands out or describes credentials hold secrets or facts about credentials (RFC 6749 section
 * 5.1 asks the same of token responses). Applied to every path, not to a list of them, so that no spelling the router
 * accepts ({@code /Token/} for {@code /Token}, a new dialect's path) escapes it. The few documents meant to be cached
 * (the JWK set, the API reference, the console's stylesheet) set their own {@code Cache-Control}, which stands.
 * Ordered outside the security filter, so that its refusals (a 401, an administrator-only 403) are covered too.
 */
@ServerFilter("/**")
final class NoStoreFilter implements Ordered {

    @ResponseFilter
    void forbidCaching(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
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
