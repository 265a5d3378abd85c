package dev.latchkey.adapter.rest.problem;

import dev.latchkey.application.port.in.TooManyRequestsException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A request refused because an allowance is spent (failed logins, an account's new tokens) is a 429 with
 * {@code Retry-After}, in the shape of the surface that was called; a login's says nothing about whether the username
 * exists. Like overload, it is expected in floods, so it is answered here without the framework's per-error stack
 * trace.
 */
@Singleton
final class TooManyRequestsHandler implements ExceptionHandler<TooManyRequestsException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    TooManyRequestsHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TooManyRequestsException exception) {
        return RetryLater.respond(errors, request, exception, HttpStatus.TOO_MANY_REQUESTS,
                exception.retryAfterSeconds(), exception.getMessage());
    }
}
