package dev.latchkey.adapter.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;

/**
 * How errors look under a group of paths that speak another protocol than the native API: the OAuth 2.0 endpoints
 * answer in RFC 6749's shape, each platform dialect in its platform's. Everywhere else, errors are RFC 9457 problems.
 * Framework errors (unknown route, wrong method, oversized body, failed authentication) pass through here too.
 */
public interface ErrorShape {

    boolean appliesTo(String path);

    /** The error response, keeping {@code response}'s status; {@code detail} may be null. */
    MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response, String detail);
}
