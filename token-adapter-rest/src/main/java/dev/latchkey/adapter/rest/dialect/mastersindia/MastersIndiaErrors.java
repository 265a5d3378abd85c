package dev.latchkey.adapter.rest.dialect.mastersindia;

import dev.latchkey.adapter.rest.problem.ErrorShape;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * Errors on the platform's token paths in Django REST framework's {@code {"detail": ...}} form, which its clients
 * already parse (a throttled request, for one, is a 429 with that body there too).
 */
@Singleton
@Requires(property = MastersIndiaController.ENABLED, notEquals = "false")
final class MastersIndiaErrors implements ErrorShape {

    @Serdeable
    record Detail(String detail) {
    }

    @Override
    public boolean appliesTo(String path) {
        return path.equals(MastersIndiaController.TOKEN_AUTH) || path.equals(MastersIndiaController.TOKEN_REFRESH);
    }

    @Override
    public MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        return response.body(new Detail(detail != null ? detail : response.status().getReason()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
