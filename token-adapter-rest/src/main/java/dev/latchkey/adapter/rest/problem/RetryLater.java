package dev.latchkey.adapter.rest.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

/**
 * An answer that tells the client to come back: the status, {@code Retry-After}, and the error in the shape of the
 * surface that was called. Refusals of this kind come in floods, so they are answered here rather than left to the
 * framework, which would log each one as an unexpected error with its stack trace.
 */
final class RetryLater {

    private RetryLater() {
    }

    static HttpResponse<?> respond(ErrorResponseProcessor<?> errors, HttpRequest<?> request, Throwable cause,
                                   HttpStatus status, long retryAfterSeconds, String message) {
        MutableHttpResponse<?> response = HttpResponse.status(status)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        return errors.processResponse(ErrorContext.builder(request).cause(cause).errorMessage(message).build(),
                response);
    }
}
