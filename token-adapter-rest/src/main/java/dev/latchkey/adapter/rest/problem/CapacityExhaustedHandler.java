package dev.latchkey.adapter.rest.problem;

import dev.latchkey.application.port.out.CapacityExhaustedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Work refused for lack of capacity (a login flood, say) is a 503 with {@code Retry-After}, in the shape of the
 * surface that was called. Handled here rather than left to the framework, which would log every refusal as an
 * unexpected error with its stack trace: under a flood, that logging alone would take the CPU the flood is denied.
 */
@Singleton
final class CapacityExhaustedHandler implements ExceptionHandler<CapacityExhaustedException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    CapacityExhaustedHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CapacityExhaustedException exception) {
        return RetryLater.respond(errors, request, exception, HttpStatus.SERVICE_UNAVAILABLE,
                exception.retryAfterSeconds(), "The service is overloaded; retry shortly");
    }
}
