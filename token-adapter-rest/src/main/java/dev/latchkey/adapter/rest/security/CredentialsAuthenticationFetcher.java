package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.MemoryFirst;
import dev.latchkey.adapter.rest.dpop.DpopProofs;
import dev.latchkey.adapter.rest.oauth.IssuerLocation;
import dev.latchkey.adapter.rest.oauth.OAuthEndpoints;
import dev.latchkey.application.port.in.AuthenticateUseCase.Outcome;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.domain.KeyThumbprint;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
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
    private static final String DPOP = "DPoP ";
    private static final String DPOP_HEADER = "DPoP";

    private final AuthenticateUseCase authenticate;
    private final Scheduler blocking;
    private final DialectCredentials dialects;
    private final MemoryFirst memoryFirst;
    private final ClientAddresses addresses;
    private final List<TokenPresentation> presentations;
    private final DpopProofs proofs;
    private final IssuerLocation location;

    CredentialsAuthenticationFetcher(AuthenticateUseCase authenticate,
                                     @Named(TaskExecutors.BLOCKING) ExecutorService blockingExecutor,
                                     DialectCredentials dialects, MemoryFirst memoryFirst,
                                     ClientAddresses addresses, List<TokenPresentation> presentations,
                                     DpopProofs proofs, IssuerLocation location) {
        this.authenticate = authenticate;
        this.proofs = proofs;
        this.location = location;
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
        if (authorization.isPresent() && startsWithIgnoreCase(authorization.get(), DPOP)) {
            return proven(request, authorization.get().substring(DPOP.length()).trim());
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

    /**
     * A token presented with the DPoP scheme (RFC 9449 section 7): its one proof is checked first, with nothing but
     * the request, and only a proof that holds reaches the token check, which compares the token's binding and then
     * records the proof's single use (ADR 19).
     */
    private Publisher<Authentication> proven(HttpRequest<?> request, String token) {
        List<String> proofHeaders = request.getHeaders().getAll(DPOP_HEADER);
        if (token.isEmpty() || proofHeaders.size() != 1) {
            ChallengeScheme.recordRefusal(request, ChallengeScheme.DPOP_PROOF);
            return Mono.empty();
        }
        URI target;
        try {
            target = URI.create(location.of(request) + request.getPath());
        } catch (IllegalArgumentException unusable) {
            ChallengeScheme.recordRefusal(request, ChallengeScheme.DPOP_PROOF);
            return Mono.empty();
        }
        DpopProofs.Result checked = proofs.check(proofHeaders.get(0), request.getMethodName(), target,
                Optional.of(token));
        ChallengeScheme.offerNonce(request, proofs.nextNonce());
        if (checked instanceof DpopProofs.Result.NonceNeeded needed) {
            LOG.debug("DPoP proof refused: {}", needed.reason());
            ChallengeScheme.recordRefusal(request, ChallengeScheme.DPOP_NONCE);
            return Mono.empty();
        }
        if (!(checked instanceof DpopProofs.Result.Valid valid)) {
            LOG.debug("DPoP proof refused: {}", ((DpopProofs.Result.Invalid) checked).reason());
            ChallengeScheme.recordRefusal(request, ChallengeScheme.DPOP_PROOF);
            return Mono.empty();
        }
        AuthenticateUseCase.Possession possession = new AuthenticateUseCase.Possession(
                KeyThumbprint.of(valid.thumbprint()), valid.jti(), valid.usableUntil());
        String address = addresses.of(request);
        return memoryFirst.call(() -> authenticate.authenticate(
                        new AuthenticateUseCase.PresentedToken(token, address, Optional.of(possession))))
                .flatMap(outcome -> toAuthentication(request, outcome, ChallengeScheme.DPOP));
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
        ChallengeScheme.recordRefusal(request, switch (reason) {
            case PROOF_REQUIRED, TOKEN_NOT_BOUND -> ChallengeScheme.DPOP;
            case PROOF_REPLAYED -> ChallengeScheme.DPOP_PROOF;
            default -> scheme;
        });
        return Mono.empty();
    }

    private static boolean startsWithIgnoreCase(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
