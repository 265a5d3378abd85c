package dev.latchkey.adapter.rest.dialect.sirdata;

import dev.latchkey.adapter.rest.problem.ErrorShape;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Sirdata documents its 400 and 401 by status alone; Latchkey adds a one-line {@code message}. */
@Singleton
@Requires(property = SirdataController.ENABLED, notEquals = "false")
final class SirdataErrors implements ErrorShape {

    @Serdeable
    record Body(String message) {
    }

    static MutableHttpResponse<Body> respond(HttpStatus status, String message) {
        return HttpResponse.status(status).body(new Body(message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Override
    public boolean appliesTo(String path) {
        return path.startsWith("/api/v1/public/");
    }

    @Override
    public MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        return response.body(new Body(detail != null ? detail : response.status().getReason()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
