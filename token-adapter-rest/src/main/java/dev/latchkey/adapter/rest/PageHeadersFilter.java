package dev.latchkey.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The pages people open in a browser (the console, the API reference, and the authorization endpoint's error page) get
 * the headers that keep them from being framed, leaking their address, or running script that is not one of their own
 * files. Matched by route ({@link BrowserPage}), not by path. A page that set its own policy ({@link ContentSecurityPolicies#consoleAllowingFormsTo}) keeps it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@BrowserPage
final class PageHeadersFilter {

    @ResponseFilter
    void protect(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains(ContentSecurityPolicies.HEADER)) {
            response.getHeaders().set(ContentSecurityPolicies.HEADER, request.getPath().startsWith("/docs")
                    ? ContentSecurityPolicies.REFERENCE : ContentSecurityPolicies.CONSOLE);
        }
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().set("Referrer-Policy", "no-referrer");
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
    }
}
