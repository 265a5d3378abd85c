package dev.latchkey.adapter.rest.security;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/** {@code Authorization: Bearer <token>} (RFC 6750): the native API's form, always accepted. */
@Singleton
final class BearerPresentation implements TokenPresentation {

    @Override
    public Optional<String> tokenIn(HttpRequest<?> request) {
        return TokenPresentation.afterScheme(request, "Bearer");
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
