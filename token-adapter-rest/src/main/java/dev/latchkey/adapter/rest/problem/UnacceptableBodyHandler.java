package dev.latchkey.adapter.rest.problem;

import dev.latchkey.adapter.rest.json.UnacceptableBodyException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
final class UnacceptableBodyHandler implements ExceptionHandler<UnacceptableBodyException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, UnacceptableBodyException exception) {
        return switch (exception.kind()) {
            case NOT_JSON -> Problems.response(request, ProblemType.UNSUPPORTED_MEDIA_TYPE, exception.getMessage());
            case MALFORMED -> Problems.response(request, ProblemType.MALFORMED_BODY, exception.getMessage());
            case INVALID_FIELD -> Problems.invalidFields(request,
                    List.of(new Problem.FieldError(exception.field(), exception.getMessage())));
        };
    }
}
