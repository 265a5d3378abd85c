package dev.latchkey.adapter.rest.oauth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;

/** RFC 6749 section 5.1: responses that carry or describe tokens are never cached. */
final class NoStore {

    private NoStore() {
    }

    static <T> MutableHttpResponse<T> apply(MutableHttpResponse<T> response) {
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
        return response;
    }
}
