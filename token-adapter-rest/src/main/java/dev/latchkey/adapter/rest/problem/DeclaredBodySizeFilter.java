package dev.latchkey.adapter.rest.problem;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;

/**
 * Refuses a body whose declared length is over {@code micronaut.server.max-request-size} before anything reads it.
 * The framework would buffer up to the limit first and then refuse; besides reading what will be thrown away, its
 * refusal then answers from inside the buffering and releases the same buffer again (with assertions on, an
 * {@code AssertionError} at {@code BaseSharedBuffer.subscribe0}). A chunked body of unknown length is still measured
 * by the framework as it arrives. Only the methods that carry bodies pass through it: the token check's {@code GET}s
 * do not.
 */
@ServerFilter(value = ServerFilter.MATCH_ALL_PATTERN,
        methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
final class DeclaredBodySizeFilter {

    private final long maximum;

    DeclaredBodySizeFilter(HttpServerConfiguration server) {
        this.maximum = server.getMaxRequestSize();
    }

    @RequestFilter
    void refuseDeclaredOversize(HttpRequest<?> request) {
        long declared = request.getContentLength();
        if (declared > maximum) {
            throw new ContentLengthExceededException(maximum, declared);
        }
    }
}
