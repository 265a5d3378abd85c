package dev.latchkey.adapter.rest.problem;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import reactor.core.publisher.Mono;

/**
 * Answers a login refused by its allowance late: after the refusal delay ({@code latchkey.login.refusal-delay}, 1 s
 * by default, never longer than the allowance's own wait), with no thread held meanwhile. Every surface that signs
 * people in holds its refusals here, the console's form as much as the API's Basic credentials.
 *
 * <p>Why: a refusal costs more than a token check (it is an error, answered in the surface's shape), so a guesser who
 * asks again the moment each answer arrives takes a share of the CPU that grows with its connections, and the
 * service's real traffic shrinks to a fraction (0.15 of its quiet rate under 64 guessing connections, measured). Held
 * answers keep each guessing connection to one attempt per delay. At most {@code latchkey.login.maximum-held-refusals}
 * answers are held at once; past that, they go out at once, so that holding can never be the thing that runs out.
 */
@Singleton
public final class HeldRefusals {

    private final Duration delay;
    private final Semaphore holds;

    HeldRefusals(@Value("${latchkey.login.refusal-delay:1s}") Duration delay,
                 @Value("${latchkey.login.maximum-held-refusals:4096}") int maximumHeld) {
        this.delay = delay;
        this.holds = new Semaphore(Math.max(0, maximumHeld));
    }

    /** The answer, sent after the refusal delay or the allowance's own wait, whichever is shorter. */
    public <T> Mono<T> hold(T answer, Duration retryAfter) {
        Duration held = delay.compareTo(retryAfter) < 0 ? delay : retryAfter;
        if (held.isZero() || held.isNegative()) {
            return Mono.just(answer);
        }
        return Mono.defer(() -> holds.tryAcquire()
                ? Mono.just(answer).delayElement(held).doFinally(ended -> holds.release())
                : Mono.just(answer));
    }
}
