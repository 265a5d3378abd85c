package dev.latchkey.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The pages people open in a browser (the console and the API reference) get the headers that keep them from being
 * framed, leaking their address, or running script that is not one of their own files. The console's policy allows
 * nothing inline at all; the reference's allows inline styles only, because Swagger UI sets style attributes.
 */
@ServerFilter({"/console", "/console/**", "/docs", "/docs/**"})
final class PageHeadersFilter {

    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String REFERENCE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @ResponseFilter
    void protect(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean reference = request.getPath().startsWith("/docs");
        response.getHeaders().set("Content-Security-Policy", reference ? REFERENCE_POLICY : CONSOLE_POLICY);
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().set("Referrer-Policy", "no-referrer");
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
    }
}
