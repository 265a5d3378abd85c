package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.MemoryFirst;
import dev.latchkey.adapter.rest.dpop.DpopProofs;
import dev.latchkey.adapter.rest.oauth.IssuerLocation;
import dev.latchkey.adapter.rest.oauth.OAuthEndpoints;
import dev.latchkey.application.port.in.AuthenticateUseCase.Outcome;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.domain.KeyThumbprint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the credentials of a request (a password with {@code Basic}, or a token in a {@link TokenPresentation}) and asks
 * {@link AuthenticateUseCase} who they belong to, synchronously wherever the answer is in memory (ADR 20).
 *
 * <p>Password hashing blocks, so it is handed back as {@link Identification.Pending} work for the blocking executor,
 * never run on the event loop. A token check is answered at once while memory can answer it, and becomes pending
 * work when it needs the store. A refusal leaves the request unauthenticated and records why, so that the 401 can say
 * which challenge failed.
 */
@Singleton
final class RequestCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(RequestCredentials.class);
    private static final Identification.Known NONE = new Identification.Known(null);
    private static final String BASIC = "Basic ";
    private static final String DPOP = "DPoP ";
    private static final String DPOP_HEADER = "DPoP";

    private final AuthenticateUseCase authenticate;
    private final DialectCredentials dialects;
    private final MemoryFirst memoryFirst;
    private final ClientAddresses addresses;
    private final List<TokenPresentation> presentations;
    private final DpopProofs proofs;
    private final IssuerLocation location;

    RequestCredentials(AuthenticateUseCase authenticate, DialectCredentials dialects, MemoryFirst memoryFirst,
                       ClientAddresses addresses, List<TokenPresentation> presentations, DpopProofs proofs,
                       IssuerLocation location) {
        this.authenticate = authenticate;
        this.proofs = proofs;
        this.location = location;
        this.presentations = presentations.stream().sorted(OrderUtil.COMPARATOR).toList();
        this.addresses = addresses;
        this.dialects = dialects;
        this.memoryFirst = memoryFirst;
    }

    /** Who a request's credentials belong to: known now, or once the pending work has run where it may wait. */
    sealed interface Identification {

        /** The caller, or null for a request without credentials or with refused ones. */
        record Known(@Nullable Authentication caller) implements Identification {
        }

        /** Work that blocks (password hashing, or a token check that needs the store), for the blocking executor. */
        record Pending(Supplier<Known> work) implements Identification {
        }
    }

    Identification identify(HttpRequest<?> request) {
        // On the OAuth endpoints, Basic carries a client's credentials, not an account's: those endpoints check them.
        if (OAuthEndpoints.owns(request.getPath())) {
            return NONE;
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && startsWithIgnoreCase(authorization, BASIC)) {
            String encoded = authorization.substring(BASIC.length()).trim();
            String address = addresses.of(request);
            return new Identification.Pending(
                    () -> known(request, passwordOutcome(encoded, address), ChallengeScheme.BASIC));
        }
        if (authorization != null && startsWithIgnoreCase(authorization, DPOP)) {
            return proven(request, authorization.substring(DPOP.length()).trim());
        }
        Optional<String> token = presentedToken(request);
        if (token.isEmpty()) {
            return NONE;
        }
        String credential = dialects.unwrap(token.get());
        String address = addresses.of(request);
        return memoryFirst(request, () -> authenticate.authenticate(
                new AuthenticateUseCase.PresentedToken(credential, address)), ChallengeScheme.BEARER);
    }

    /** The token check's answer now if memory has it, or the check as pending work when it needs the store. */
    private Identification memoryFirst(HttpRequest<?> request, Supplier<Outcome> check, ChallengeScheme scheme) {
        Optional<Outcome> fromMemory = memoryFirst.fromMemory(check);
        if (fromMemory.isPresent()) {
            return known(request, fromMemory.get(), scheme);
        }
        return new Identification.Pending(() -> known(request, check.get(), scheme));
    }

    /**
     * A token presented with the DPoP scheme (RFC 9449 section 7): its one proof is checked first, with nothing but
     * the request, and only a proof that holds reaches the token check, which compares the token's binding and then
     * records the proof's single use (ADR 19).
     */
    private Identification proven(HttpRequest<?> request, String token) {
        List<String> proofHeaders = request.getHeaders().getAll(DPOP_HEADER);
        if (token.isEmpty() || proofHeaders.size() != 1) {
            ChallengeScheme.recordRefusal(request, ChallengeScheme.DPOP_PROOF);
            return NONE;
        }
        URI target;
        try {
            target = URI.create(location.of(request) + request.getPath());
        } catch (IllegalArgumentException unusable) {
            ChallengeScheme.recordRefusal(request, ChallengeScheme.DPOP_PROOF);
            return NONE;
        }
        DpopProofs.Result checked = proofs.check(proofHeaders.get(0), request.getMethodName(), target,
                Optional.of(token));
        ChallengeScheme.offerNonce(request, proofs.nextNonce());
        if (checked instanceof DpopProofs.Result.NonceNeeded needed) {
            LOG.debug("DPoP proof refused: {}", needed.reason());
            ChallengeScheme.recordRefusal(request, ChallengeScheme.DPOP_NONCE);
            return NONE;
        }
        if (!(checked instanceof DpopProofs.Result.Valid valid)) {
            LOG.debug("DPoP proof refused: {}", ((DpopProofs.Result.Invalid) checked).reason());
            ChallengeScheme.recordRefusal(request, ChallengeScheme.DPOP_PROOF);
            return NONE;
        }
        AuthenticateUseCase.Possession possession = new AuthenticateUseCase.Possession(
                KeyThumbprint.of(valid.thumbprint()), valid.jti(), valid.usableUntil());
        String address = addresses.of(request);
        return memoryFirst(request, () -> authenticate.authenticate(
                new AuthenticateUseCase.PresentedToken(token, address, Optional.of(possession))), ChallengeScheme.DPOP);
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

    private static Identification.Known known(HttpRequest<?> request, Outcome outcome, ChallengeScheme scheme) {
        if (outcome instanceof Outcome.Authenticated authenticated) {
            return new Identification.Known(AuthenticatedCaller.authenticationOf(authenticated.caller()));
        }
        AuthenticateUseCase.Reason reason = ((Outcome.Refused) outcome).reason();
        LOG.debug("{} credentials refused: {}", scheme, reason);
        ChallengeScheme.recordRefusal(request, switch (reason) {
            case PROOF_REQUIRED, TOKEN_NOT_BOUND -> ChallengeScheme.DPOP;
            case PROOF_REPLAYED -> ChallengeScheme.DPOP_PROOF;
            default -> scheme;
        });
        return NONE;
    }

    private static boolean startsWithIgnoreCase(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
