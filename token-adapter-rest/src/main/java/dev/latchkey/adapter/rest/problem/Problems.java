package dev.latchkey.adapter.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem responses; the one place that knows their media type and shape. */
public final class Problems {

    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemType type, String detail) {
        return response(request, type, type.status(), detail, null);
    }

    public static MutableHttpResponse<Problem> invalidFields(HttpRequest<?> request, List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return response(request, ProblemType.INVALID_REQUEST, ProblemType.INVALID_REQUEST.status(), detail, errors);
    }

    static MutableHttpResponse<Problem> response(HttpRequest<?> request, ProblemType type, HttpStatus status,
                                                 String detail, List<Problem.FieldError> errors) {
        Problem problem = new Problem(type.uri(), type.title(), status.getCode(), detail, request.getPath(),
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
        return HttpResponse.<Problem>status(status).body(problem).contentType(Problem.MEDIA_TYPE);
    }
}
