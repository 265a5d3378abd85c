package dev.latchkey.adapter.rest.security;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.adapter.rest.oauth.OAuthEndpoints;
import dev.latchkey.application.port.in.AuthenticateUseCase.Outcome;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the credentials of a request ({@code Authorization: Basic} or {@code Bearer}) and asks
 * {@link AuthenticateUseCase} who they belong to.
 *
 * <p>Password hashing and the token lookup block, so they run on the blocking executor, never on the event loop.
 * A refusal leaves the request unauthenticated and records why, so that the 401 can say which challenge failed.
 */
@Singleton
final class CredentialsAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsAuthenticationFetcher.class);
    private static final String BASIC = "Basic ";
    private static final String BEARER = "Bearer ";

    private final AuthenticateUseCase authenticate;
    private final Scheduler blocking;

    CredentialsAuthenticationFetcher(AuthenticateUseCase authenticate,
                                     @Named(TaskExecutors.BLOCKING) ExecutorService blockingExecutor) {
        this.authenticate = authenticate;
        this.blocking = Schedulers.fromExecutorService(blockingExecutor);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class);
        // On the OAuth endpoints, Basic carries a client's credentials, not an account's: those endpoints check them.
        if (authorization.isEmpty() || OAuthEndpoints.owns(request.getPath())) {
            return Mono.empty();
        }
        String header = authorization.get();
        if (startsWithIgnoreCase(header, BASIC)) {
            return Mono.fromCallable(() -> passwordOutcome(header.substring(BASIC.length()).trim()))
                    .subscribeOn(blocking)
                    .flatMap(outcome -> toAuthentication(request, outcome, ChallengeScheme.BASIC));
        }
        if (startsWithIgnoreCase(header, BEARER)) {
            String token = header.substring(BEARER.length()).trim();
            return Mono.fromCallable(() -> authenticate.authenticate(new AuthenticateUseCase.PresentedToken(token)))
                    .subscribeOn(blocking)
                    .flatMap(outcome -> toAuthentication(request, outcome, ChallengeScheme.BEARER));
        }
        return Mono.empty();
    }

    private Outcome passwordOutcome(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return new Outcome.Refused(AuthenticateUseCase.Reason.BAD_CREDENTIALS);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Outcome.Refused(AuthenticateUseCase.Reason.BAD_CREDENTIALS);
        }
        return authenticate.authenticate(new AuthenticateUseCase.PasswordCredentials(
                decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    private static Mono<Authentication> toAuthentication(HttpRequest<?> request, Outcome outcome,
                                                         ChallengeScheme scheme) {
        if (outcome instanceof Outcome.Authenticated authenticated) {
            return Mono.just(AuthenticatedCaller.authenticationOf(authenticated.caller()));
        }
        AuthenticateUseCase.Reason reason = ((Outcome.Refused) outcome).reason();
        LOG.debug("{} credentials refused: {}", scheme, reason);
        ChallengeScheme.recordRefusal(request, scheme);
        return Mono.empty();
    }

    private static boolean startsWithIgnoreCase(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
