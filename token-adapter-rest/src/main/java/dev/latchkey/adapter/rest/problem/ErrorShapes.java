package dev.latchkey.adapter.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Every error shape a path can have besides RFC 9457 problems, and the one place that picks the shape for a path:
 * the error route and the security layer's refusals both ask here, so a dialect's shape is contributed once and
 * switching the dialect off removes it.
 */
@Singleton
public final class ErrorShapes {

    private final List<ErrorShape> shapes;

    ErrorShapes(List<ErrorShape> shapes) {
        this.shapes = List.copyOf(shapes);
    }

    /** A 403 for this request, in its path's shape, or as a problem that says why. */
    public MutableHttpResponse<?> forbidden(HttpRequest<?> request, String detail) {
        Optional<ErrorShape> shape = forPath(request.getPath());
        if (shape.isPresent()) {
            return shape.get().render(request, HttpResponse.status(HttpStatus.FORBIDDEN), null);
        }
        return Problems.response(request, ProblemType.FORBIDDEN, detail);
    }

    /** The shape errors under this path take, or empty for a problem. */
    public Optional<ErrorShape> forPath(String path) {
        return shapes.stream().filter(shape -> shape.appliesTo(path)).findFirst();
    }
}
