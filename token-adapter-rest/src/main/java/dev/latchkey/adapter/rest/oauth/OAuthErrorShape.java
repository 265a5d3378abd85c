package dev.latchkey.adapter.rest.oauth;

import dev.latchkey.adapter.rest.problem.ErrorShape;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/** OAuth 2.0 clients parse RFC 6749 errors, not problems. */
@Singleton
final class OAuthErrorShape implements ErrorShape {

    @Override
    public boolean appliesTo(String path) {
        return OAuthEndpoints.owns(path);
    }

    @Override
    public MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        return OAuthError.forStatus(response, detail);
    }
}
