package dev.latchkey.adapter.rest.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error the framework produces by itself (unknown route, wrong method, unreadable argument, failed
 * validation, uncaught exception) into an RFC 9457 problem, so that no response of the API has another error shape.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    private final ErrorShapes shapes;

    ProblemErrorResponseProcessor(ErrorShapes shapes) {
        this.shapes = shapes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Optional<ErrorShape> shape = shapes.forPath(context.getRequest().getPath());
        Optional<String> frameworkRefusal = FrameworkRefusals.describe(response.status(), context.getRootCause());
        if (shape.isPresent()) {
            logFailure(context, response);
            String detail = frameworkRefusal.orElse(response.status().getCode() >= 500
                    || context.getErrors().isEmpty() ? null : context.getErrors().get(0).getMessage());
            // The response type is only nominal: other protocols' clients parse other shapes.
            return (MutableHttpResponse<Problem>) shape.get().render(context.getRequest(), response, detail);
        }
        HttpStatus status = response.status();
        ProblemType type = ProblemType.forStatus(status);
        String detail;
        if (status == HttpStatus.SERVICE_UNAVAILABLE && !context.getErrors().isEmpty()) {
            // Only a refusal-for-now answers 503 (RetryLater), and its message is written for clients.
            logFailure(context, response);
            detail = context.getErrors().get(0).getMessage();
        } else if (status.getCode() >= 500) {
            // The cause may hold internals, or worse; it goes to the log, and the client gets no more than the status.
            logFailure(context, response);
            detail = "The server failed to handle this request; the failure has been logged.";
        } else {
            detail = frameworkRefusal.orElseGet(() -> context.getErrors().stream().map(Error::getMessage)
                    .collect(Collectors.joining("; ")));
        }
        Problem problem = new Problem(type.uri(), type.title(), status.getCode(), detail.isEmpty() ? null : detail,
                context.getRequest().getPath(), null);
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static void logFailure(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        if (response.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            // Refused for now (overload, an unreachable store): expected in floods and outages, when one line per
            // refusal would bury everything else. The pool and the driver log the store's failures themselves.
            context.getRootCause().ifPresent(cause -> LOG.debug("Unavailable serving {} {}: {}",
                    request.getMethodName(), request.getPath(), cause.getMessage()));
        } else if (response.status().getCode() >= 500) {
            context.getRootCause().ifPresent(cause -> LOG.error("Unhandled error serving {} {}",
                    request.getMethodName(), request.getPath(), cause));
        }
    }
}
