package dev.latchkey.adapter.rest.dialect.datasentinel;

import dev.latchkey.adapter.rest.security.TokenPresentation;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Datasentinel's {@code user-token} header, accepted while the dialect is on. A request that also sends an
 * {@code Authorization} header is judged by that header alone.
 */
@Singleton
@Requires(property = DatasentinelController.ENABLED, notEquals = "false")
final class UserTokenHeaderPresentation implements TokenPresentation {

    private static final String HEADER = "user-token";

    @Override
    public Optional<String> tokenIn(HttpRequest<?> request) {
        if (request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return Optional.empty();
        }
        return request.getHeaders().get(HEADER, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public int getOrder() {
        return 20;
    }
}
