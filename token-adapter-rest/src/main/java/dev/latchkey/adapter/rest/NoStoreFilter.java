package dev.latchkey.adapter.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Responses of the API hold secrets or facts about credentials; no cache, shared or private, may keep them
 * (RFC 6749 section 5.1 asks the same of token responses).
 */
@ServerFilter("/api/**")
final class NoStoreFilter {

    @ResponseFilter
    void forbidCaching(MutableHttpResponse<?> response) {
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
    }
}
