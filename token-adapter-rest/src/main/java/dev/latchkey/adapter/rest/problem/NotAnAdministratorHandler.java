package dev.latchkey.adapter.rest.problem;

import dev.latchkey.application.port.in.NotAnAdministratorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The administrator guard's refusal, answered once for every route: a 403 in the shape of the surface that was called
 * (a problem on the native API, a page in the console). Nothing was read or changed.
 */
@Singleton
final class NotAnAdministratorHandler implements ExceptionHandler<NotAnAdministratorException, HttpResponse<?>> {

    private final ErrorShapes shapes;

    NotAnAdministratorHandler(ErrorShapes shapes) {
        this.shapes = shapes;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, NotAnAdministratorException refused) {
        return shapes.forbidden(request, "Only an administrator may do this.");
    }
}
