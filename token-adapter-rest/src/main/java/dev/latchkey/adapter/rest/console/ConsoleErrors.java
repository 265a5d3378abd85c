package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.console.view.Frame;
import dev.latchkey.adapter.rest.console.view.MessageView;
import dev.latchkey.adapter.rest.problem.ErrorShape;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Errors under {@code /console} are pages, as the rest of the console is: an unknown page, a wrong method or a failure
 * the framework answers itself shows a page a person can read and leave, never a JSON problem. A server error's
 * cause is logged, not shown.
 */
@Singleton
final class ConsoleErrors implements ErrorShape {

    private final ConsoleViews views;

    ConsoleErrors(ConsoleViews views) {
        this.views = views;
    }

    @Override
    public boolean appliesTo(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    @Override
    public MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
        HttpStatus status = response.status();
        String title = switch (status) {
            case NOT_FOUND -> "No such page";
            case METHOD_NOT_ALLOWED -> "Not allowed here";
            case REQUEST_ENTITY_TOO_LARGE -> "Too much to send";
            case TOO_MANY_REQUESTS -> "Too many requests";
            case SERVICE_UNAVAILABLE -> "Try again shortly";
            default -> status.getCode() >= 500 ? "Something went wrong" : "The request was not understood";
        };
        String explanation = status.getCode() >= 500
                ? "The console could not answer. The failure was logged; please try again."
                : status == HttpStatus.NOT_FOUND ? "There is no console page at this address."
                : "The console could not use this request.";
        return views.page(status, "message", new MessageView(Frame.anonymous(title), List.of(explanation),
                "/console/tokens", "Go to your tokens"));
    }
}
