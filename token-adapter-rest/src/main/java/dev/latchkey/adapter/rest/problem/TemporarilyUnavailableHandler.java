package dev.latchkey.adapter.rest.problem;

import dev.latchkey.application.port.out.TemporarilyUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Work refused for now (hashing at capacity in a login flood, a store that cannot be reached) is a 503 with
 * {@code Retry-After}, in the shape of the surface that was called, never a 500. Handled here rather than left to the
 * framework, which would log every refusal as an unexpected error with its stack trace: under a flood, or while the
 * store is down, that logging alone would take the CPU and the disk.
 */
@Singleton
final class TemporarilyUnavailableHandler
        implements ExceptionHandler<TemporarilyUnavailableException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    TemporarilyUnavailableHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TemporarilyUnavailableException exception) {
        return RetryLater.respond(errors, request, exception, HttpStatus.SERVICE_UNAVAILABLE,
                exception.retryAfterSeconds(), exception.publicReason());
    }
}
