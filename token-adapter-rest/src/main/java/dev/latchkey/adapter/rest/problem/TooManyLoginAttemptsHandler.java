package dev.latchkey.adapter.rest.problem;

import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A login refused because its allowance of attempts is spent is a 429 with {@code Retry-After}, in the shape of the
 * surface that was called, and says nothing about whether the username exists. Like overload, it is expected in
 * floods, so it is answered here without the framework's per-error stack trace.
 */
@Singleton
final class TooManyLoginAttemptsHandler implements ExceptionHandler<TooManyLoginAttemptsException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    TooManyLoginAttemptsHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TooManyLoginAttemptsException exception) {
        return RetryLater.respond(errors, request, exception, HttpStatus.TOO_MANY_REQUESTS,
                exception.retryAfterSeconds(),
                "Too many failed login attempts; retry after the time given in Retry-After");
    }
}
