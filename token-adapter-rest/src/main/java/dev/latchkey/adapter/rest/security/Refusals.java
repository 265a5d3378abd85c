package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.problem.ErrorShape;
import dev.latchkey.adapter.rest.problem.ErrorShapes;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * 401 and 403, as problems or in a dialect's own shape. A 401 carries a challenge for every scheme the API accepts;
 * when the client presented a bearer token that was refused, the Bearer challenge says so (RFC 6750
 * {@code invalid_token}), without saying whether the token was unknown, expired or revoked.
 */
@Singleton
final class Refusals implements ExceptionHandler<RouteRefusal, MutableHttpResponse<?>> {

    private final ErrorShapes shapes;

    Refusals(ErrorShapes shapes) {
        this.shapes = shapes;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, RouteRefusal refusal) {
        return of(request, refusal.forbidden());
    }

    private MutableHttpResponse<?> of(HttpRequest<?> request, boolean forbidden) {
        if (forbidden) {
            return shapes.forbidden(request, "The authenticated account may not do this.");
        }
        Optional<ErrorShape> shape = shapes.forPath(request.getPath());
        if (shape.isPresent()) {
            return shape.get().render(request, HttpResponse.status(HttpStatus.UNAUTHORIZED), null);
        }
        Optional<ChallengeScheme> refused = ChallengeScheme.refusedScheme(request);
        String detail = refused.isPresent()
                ? "The credentials presented were not accepted."
                : "Present a username and password (HTTP Basic) or a token (Bearer).";
        MutableHttpResponse<?> response = Problems.response(request, ProblemType.UNAUTHENTICATED, detail);
        // A refusal answers before the API's response filters would run; it must not be cached either.
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
