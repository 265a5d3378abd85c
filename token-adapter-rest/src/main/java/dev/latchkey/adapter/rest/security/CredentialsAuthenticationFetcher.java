package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.MemoryFirst;
import dev.latchkey.adapter.rest.oauth.OAuthEndpoints;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase.Outcome;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the credentials of a request (a password with {@code Basic}, or a token in a {@link TokenPresentation}) and asks
 * {@link AuthenticateUseCase} who they belong to.
 *
 * <p>Password hashing blocks, so it runs on the blocking executor, never on the event loop. A token check runs on
 * the event loop while memory can answer it, and moves to the blocking executor when it needs the store.
 * A refusal leaves the request unauthenticated and records why, so that the 401 can say which challenge failed.
 */
@Singleton
final class CredentialsAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsAuthenticationFetcher.class);
    private static final String BASIC = "Basic ";

    private final AuthenticateUseCase authenticate;
    private final Scheduler blocking;
    private final DialectCredentials dialects;
    private final MemoryFirst memoryFirst;
    private final ClientAddresses addresses;
    private final List<TokenPresentation> presentations;

    CredentialsAuthenticationFetcher(AuthenticateUseCase authenticate,
                                     @Named(TaskExecutors.BLOCKING) ExecutorService blockingExecutor,
                                     DialectCredentials dialects, MemoryFirst memoryFirst,
                                     ClientAddresses addresses, List<TokenPresentation> presentations) {
        this.authenticate = authenticate;
        this.presentations = presentations.stream().sorted(OrderUtil.COMPARATOR).toList();
        this.addresses = addresses;
        this.dialects = dialects;
        this.memoryFirst = memoryFirst;
        this.blocking = Schedulers.fromExecutorService(blockingExecutor);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        // On the OAuth endpoints, Basic carries a client's credentials, not an account's: those endpoints check them.
        if (OAuthEndpoints.owns(request.getPath())) {
            return Mono.empty();
        }
        Optional<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class);
        if (authorization.isPresent() && startsWithIgnoreCase(authorization.get(), BASIC)) {
            String encoded = authorization.get().substring(BASIC.length()).trim();
            String address = addresses.of(request);
            return Mono.fromCallable(() -> passwordOutcome(encoded, address))
                    .subscribeOn(blocking)
                    .flatMap(outcome -> toAuthentication(request, outcome, ChallengeScheme.BASIC));
        }
        Optional<String> token = presentedToken(request);
        if (token.isEmpty()) {
            return Mono.empty();
        }
        String credential = dialects.unwrap(token.get());
        String address = addresses.of(request);
        return memoryFirst.call(() -> authenticate.authenticate(
                        new AuthenticateUseCase.PresentedToken(credential, address)))
                .flatMap(outcome -> toAuthentication(request, outcome, ChallengeScheme.BEARER));
    }

    /** The token a request presents, in the first form that finds one: Bearer, or a switched-on dialect's form. */
    private Optional<String> presentedToken(HttpRequest<?> request) {
        for (TokenPresentation presentation : presentations) {
            Optional<String> token = presentation.tokenIn(request);
            if (token.isPresent()) {
                return token;
            }
        }
        return Optional.empty();
    }

    private Outcome passwordOutcome(String encoded, String address) {
        return BasicCredentials.parse(encoded)
                .map(basic -> authenticate.authenticate(
                        new AuthenticateUseCase.PasswordCredentials(basic.username(), basic.password(), address)))
                .orElseGet(() -> new Outcome.Refused(AuthenticateUseCase.Reason.BAD_CREDENTIALS));
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
