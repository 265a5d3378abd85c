package dev.latchkey.adapter.rest.dialect.datasentinel;

import dev.latchkey.adapter.rest.problem.ErrorShape;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Datasentinel's documentation shows its errors by status only; Latchkey adds a one-line {@code message}. */
@Singleton
@Requires(property = DatasentinelController.ENABLED, notEquals = "false")
final class DatasentinelErrors implements ErrorShape {

    @Serdeable
    record Body(String message) {
    }

    static MutableHttpResponse<Body> respond(HttpStatus status, String message) {
        return HttpResponse.status(status).body(new Body(message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static MutableHttpResponse<Body> unauthorized() {
        return respond(HttpStatus.UNAUTHORIZED, "Unauthorized");
    }

    @Override
    public boolean appliesTo(String path) {
        return path.startsWith("/ds-api/");
    }

    @Override
    public MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        String message = response.status() == HttpStatus.UNAUTHORIZED ? "Unauthorized"
                : detail != null ? detail : response.status().getReason();
        return response.body(new Body(message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
