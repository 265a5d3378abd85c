package dev.latchkey.adapter.rest.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * One way a request may present a token. The native API's is {@code Authorization: Bearer}; each platform dialect
 * contributes its own while it is switched on, and only then, so that a dialect switched off leaves no way in behind.
 * Forms are asked in {@link #getOrder() order}; the first that finds a token decides.
 */
public interface TokenPresentation extends Ordered {

    /** The token the request presents in this form, if it uses this form at all. */
    Optional<String> tokenIn(HttpRequest<?> request);

    /** The value of the {@code Authorization} header after {@code scheme} (matched without case), if it has one. */
    static Optional<String> afterScheme(HttpRequest<?> request, String scheme) {
        return request.getHeaders().getAuthorization().map(String::strip)
                .filter(header -> header.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1))
                .map(header -> header.substring(scheme.length() + 1).strip())
                .filter(value -> !value.isEmpty());
    }
}
