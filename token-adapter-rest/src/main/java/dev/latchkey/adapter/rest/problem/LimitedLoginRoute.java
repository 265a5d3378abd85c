package dev.latchkey.adapter.rest.problem;

import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import reactor.core.publisher.Mono;

/** Holds every login refused by its allowance before it is answered, on every surface ({@link HeldRefusals}). */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class LimitedLoginRoute {

    private final TooManyRequestsHandler refusals;
    private final HeldRefusals held;

    LimitedLoginRoute(TooManyRequestsHandler refusals, HeldRefusals held) {
        this.refusals = refusals;
        this.held = held;
    }

    @Error(global = true, exception = TooManyLoginAttemptsException.class)
    Mono<HttpResponse<?>> refuse(HttpRequest<?> request, TooManyLoginAttemptsException refused) {
        return held.hold(refusals.handle(request, refused), refused.retryAfter());
    }
}
