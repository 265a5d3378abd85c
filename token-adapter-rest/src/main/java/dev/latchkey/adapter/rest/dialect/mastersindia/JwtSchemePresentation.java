package dev.latchkey.adapter.rest.dialect.mastersindia;

import dev.latchkey.adapter.rest.security.TokenPresentation;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Masters India's {@code Authorization: JWT <token>}, accepted while the dialect is on. */
@Singleton
@Requires(property = MastersIndiaController.ENABLED, notEquals = "false")
final class JwtSchemePresentation implements TokenPresentation {

    @Override
    public Optional<String> tokenIn(HttpRequest<?> request) {
        return TokenPresentation.afterScheme(request, "JWT");
    }

    @Override
    public int getOrder() {
        return 10;
    }
}
