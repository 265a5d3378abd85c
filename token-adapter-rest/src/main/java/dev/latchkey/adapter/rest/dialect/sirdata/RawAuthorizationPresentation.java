package dev.latchkey.adapter.rest.dialect.sirdata;

import dev.latchkey.adapter.rest.security.TokenPresentation;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Sirdata's bare token as the whole {@code Authorization} header, accepted while the dialect is on. Asked last: a
 * header with a scheme (a space in it) is never taken for a bare token.
 */
@Singleton
@Requires(property = SirdataController.ENABLED, notEquals = "false")
final class RawAuthorizationPresentation implements TokenPresentation {

    @Override
    public Optional<String> tokenIn(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization().map(String::strip)
                .filter(header -> !header.isEmpty() && !header.contains(" "));
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
