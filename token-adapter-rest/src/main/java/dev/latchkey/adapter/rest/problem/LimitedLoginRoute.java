package dev.latchkey.adapter.rest.problem;

import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import reactor.core.publisher.Mono;

/**
 * Answers a login refused by its allowance late: after the refusal delay ({@code latchkey.login.refusal-delay}, 1 s
 * by default, never longer than the allowance's own wait), with no thread held meanwhile.
 *
 * <p>Why: a refusal costs more than a token check (it is an error, answered in the surface's shape), so a guesser who
 * asks again the moment each answer arrives takes a share of the CPU that grows with its connections, and the
 * service's real traffic shrinks to a fraction (0.15 of its quiet rate under 64 guessing connections, measured). Held
 * answers keep each guessing connection to one attempt per delay. At most {@code latchkey.login.maximum-held-refusals}
 * answers are held at once; past that, they go out at once, so that holding can never be the thing that runs out.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class LimitedLoginRoute {

    private final TooManyLoginAttemptsHandler refusals;
    private final Duration delay;
    private final Semaphore holds;

    LimitedLoginRoute(TooManyLoginAttemptsHandler refusals,
                      @Value("${latchkey.login.refusal-delay:1s}") Duration delay,
                      @Value("${latchkey.login.maximum-held-refusals:4096}") int maximumHeld) {
        this.refusals = refusals;
        this.delay = delay;
        this.holds = new Semaphore(Math.max(0, maximumHeld));
    }

    @Error(global = true, exception = TooManyLoginAttemptsException.class)
    Mono<HttpResponse<?>> refuse(HttpRequest<?> request, TooManyLoginAttemptsException refused) {
        HttpResponse<?> answer = refusals.handle(request, refused);
        Duration held = delay.compareTo(refused.retryAfter()) < 0 ? delay : refused.retryAfter();
        if (held.isZero() || held.isNegative()) {
            return Mono.just(answer);
        }
        return Mono.defer(() -> holds.tryAcquire()
                ? Mono.<HttpResponse<?>>just(answer).delayElement(held).doFinally(ended -> holds.release())
                : Mono.just(answer));
    }
}
