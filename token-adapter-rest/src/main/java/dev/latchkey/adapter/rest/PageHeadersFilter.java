package dev.latchkey.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/**
 * The pages people open in a browser (the console, the API reference, and the authorization endpoint's error page) get
 * the headers that keep them from being framed, leaking their address, or running script that is not one of their own
 * files. The paths are one compiled expression, which fails at a request's first segment when it is not a page's:
 * Micronaut matches every filter that is not a plain {@code /**} against every request, and its path patterns
 * tokenize the path each time (profiled, issue 27). A page that set its own policy
 * ({@link ContentSecurityPolicies#consoleAllowingFormsTo}) keeps it.
 */
@ServerFilter(value = "/(?:console|docs)(?:/.*)?|/oauth2/authorize", patternStyle = FilterPatternStyle.REGEX)
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
