package dev.latchkey.adapter.rest.problem;

import dev.latchkey.application.port.in.TooManyIssuancesException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A token refused because its owner's allowance of new tokens is spent is a 429 with {@code Retry-After}, in the shape
 * of the surface that was called, whichever surface that is. Expected in floods, so answered without a stack trace.
 */
@Singleton
final class TooManyIssuancesHandler implements ExceptionHandler<TooManyIssuancesException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errors;

    TooManyIssuancesHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TooManyIssuancesException exception) {
        return RetryLater.respond(errors, request, exception, HttpStatus.TOO_MANY_REQUESTS,
                exception.retryAfterSeconds(),
                "Too many tokens were issued to this account; retry after the time given in Retry-After");
    }
}
