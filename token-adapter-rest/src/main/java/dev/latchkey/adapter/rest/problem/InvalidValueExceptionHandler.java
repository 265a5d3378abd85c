package dev.latchkey.adapter.rest.problem;

import dev.latchkey.domain.InvalidValueException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** A value the domain refused to hold: the client sent something out of range, and is told which field and why. */
@Singleton
final class InvalidValueExceptionHandler implements ExceptionHandler<InvalidValueException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidValueException exception) {
        return Problems.invalidFields(request, List.of(new Problem.FieldError(exception.field(), exception.reason())));
    }
}
