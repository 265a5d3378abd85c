package dev.latchkey.adapter.rest.dialect.trifacta;

import dev.latchkey.adapter.rest.problem.ErrorShape;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Trifacta's API error body: {@code {"exception": {"name": "...", "message": "..."}}}. */
@Singleton
@Requires(property = TrifactaController.ENABLED, notEquals = "false")
final class TrifactaErrors implements ErrorShape {

    @Serdeable
    record Body(Exception exception) {
    }

    @Serdeable
    record Exception(String name, String message) {
    }

    static MutableHttpResponse<Body> respond(HttpStatus status, String name, String message) {
        return HttpResponse.status(status).body(new Body(new Exception(name, message)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static MutableHttpResponse<Body> validation(String message) {
        return respond(HttpStatus.BAD_REQUEST, "ValidationFailed", message);
    }

    static MutableHttpResponse<Body> notFound() {
        return respond(HttpStatus.NOT_FOUND, "AccessTokenNotFound", "No access token with this id belongs to you.");
    }

    /** Trifacta's whole v4 API, so that an unknown route answers as Trifacta's does. */
    @Override
    public boolean appliesTo(String path) {
        return path.startsWith("/v4/");
    }

    @Override
    public MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        HttpStatus status = response.status();
        String name = switch (status) {
            case UNAUTHORIZED -> "AuthenticationFailed";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "RouteNotFound";
            case TOO_MANY_REQUESTS -> "TooManyRequests";
            case SERVICE_UNAVAILABLE -> "ServiceUnavailable";
            default -> status.getCode() >= 500 ? "InternalServerError" : "BadRequest";
        };
        String message = status == HttpStatus.NOT_FOUND ? "Route doesn't exist"
                : detail != null ? detail : status.getReason();
        return response.body(new Body(new Exception(name, message))).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
