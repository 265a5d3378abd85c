package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.problem.ErrorShape;
import dev.latchkey.adapter.rest.problem.ErrorShapes;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * 401 and 403 as problems. A 401 carries a challenge for every scheme the API accepts; when the client presented a
 * bearer token that was refused, the Bearer challenge says so (RFC 6750 {@code invalid_token}), without saying
 * whether the token was unknown, expired or revoked.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class ProblemAuthorizationExceptionHandler
        implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ErrorShapes shapes;

    ProblemAuthorizationExceptionHandler(ErrorShapes shapes) {
        this.shapes = shapes;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        Optional<ErrorShape> shape = shapes.forPath(request.getPath());
        if (shape.isPresent()) {
            return shape.get().render(request, HttpResponse.status(exception.isForbidden()
                    ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED), null);
        }
        if (exception.isForbidden()) {
            return Problems.response(request, ProblemType.FORBIDDEN, "The authenticated account may not do this.");
        }
        Optional<ChallengeScheme> refused = ChallengeScheme.refusedScheme(request);
        String detail = refused.isPresent()
                ? "The credentials presented were not accepted."
                : "Present a username and password (HTTP Basic) or a token (Bearer).";
        MutableHttpResponse<?> response = Problems.response(request, ProblemType.UNAUTHENTICATED, detail);
        // The security filter answers before the API's response filters run; a refusal must not be cached either.
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        for (ChallengeScheme scheme : ChallengeScheme.values()) {
            boolean wasRefused = refused.filter(scheme::equals).isPresent();
            if (scheme.alwaysOffered() || wasRefused) {
                response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, scheme.challenge(wasRefused));
            }
        }
        ChallengeScheme.sendOfferedNonce(request, response);
        return response;
    }
}
