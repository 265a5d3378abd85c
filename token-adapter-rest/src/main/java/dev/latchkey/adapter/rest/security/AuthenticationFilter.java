package dev.latchkey.adapter.rest.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import dev.latchkey.adapter.rest.Timestamps;
import dev.latchkey.application.port.in.Caller;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Named;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Authenticates every routed request and admits it to its route, in one synchronous step wherever memory can answer
 * (ADR 20): read the credential, check it ({@link RequestCredentials}), look up what the route asks
 * ({@link RouteAccessRules}), and either let the request through or refuse it ({@link Refusals}). Nothing reactive is
 * assembled on that path: the filter returns null, and the request goes on at once. Only a password (hashed with
 * Argon2id) or a token that memory cannot answer for goes to the blocking executor first.
 *
 * <p>The caller is left where micronaut-security's argument binding looks for it, so a route takes an
 * {@link Authentication} parameter as before. micronaut-security's own filter and rule chain are switched off
 * ({@code micronaut.security.filter.enabled: false}). Left on by mistake, they would refuse every
 * caller (they know no Latchkey credential), so the mistake cannot open anything.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AuthenticationFilter implements Ordered {

    static final String EXPIRY_HEADER = "Latchkey-Token-Expires";

    private final RequestCredentials credentials;
    private final RouteAccessRules rules;
    private final Executor blocking;

    AuthenticationFilter(RequestCredentials credentials, RouteAccessRules rules,
                         @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.credentials = credentials;
        this.rules = rules;
        this.blocking = blocking;
    }

    /**
     * Null lets the request through at once, with nothing asynchronous assembled; a refusal is an error the refusal
     * handler answers. Only when blocking work has to run first is a stage returned, which completes with the
     * request to let it through (a stage completing with null would end the exchange with an empty 503: ADR 20).
     */
    @RequestFilter
    @Nullable
    CompletionStage<@Nullable HttpRequest<?>> authenticate(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        if (route == null) {
            // Nothing will answer but a 404 (or a static resource), and no credential is needed to learn that.
            return null;
        }
        // What micronaut-security's argument binding asks before it binds an Authentication: that the request was
        // authenticated, whatever the outcome.
        request.setAttribute(SecurityFilter.KEY, Boolean.TRUE);
        RouteAccess access = rules.of(route.getRouteInfo());
        RequestCredentials.Identification identified = DirectRoutes.handedOver(request)
                .orElseGet(() -> credentials.identify(request));
        if (identified instanceof RequestCredentials.Identification.Known known) {
            RouteRefusal refusal = admit(request, access, known.caller());
            if (refusal != null) {
                throw refusal;
            }
            return null;
        }
        Supplier<RequestCredentials.Identification.Known> work =
                ((RequestCredentials.Identification.Pending) identified).work();
        return CompletableFuture.supplyAsync(() -> {
            RouteRefusal refusal = admit(request, access, work.get().caller());
            if (refusal != null) {
                throw refusal;
            }
            return request;
        }, blocking);
    }

    /**
     * Tells a client authenticated with a token when that token expires ({@value #EXPIRY_HEADER}, as GitHub's
     * {@code GitHub-Authentication-Token-Expiration}), so that it can renew in time instead of failing later; tokens
     * that never expire get no header. A client that proved possession of a key also learns the DPoP nonce for its
     * next proof, so that it need not be refused once per nonce to learn it.
     */
    @ResponseFilter
    void announceExpiry(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getUserPrincipal(Authentication.class)
                .filter(authentication -> authentication.getAttributes().containsKey(AuthenticatedCaller.ATTRIBUTE))
                .map(AuthenticatedCaller::of)
                .flatMap(Caller::presented)
                .flatMap(token -> token.expiry().instant())
                .ifPresent(expiry -> response.getHeaders().set(EXPIRY_HEADER, Timestamps.isoMillis(expiry)));
        ChallengeScheme.sendOfferedNonce(request, response);
    }

    /** Leaves the caller on the request, and the refusal if the route does not admit it. */
    private static @Nullable RouteRefusal admit(HttpRequest<?> request, RouteAccess access,
                                                @Nullable Authentication caller) {
        if (caller != null) {
            request.setAttribute(SecurityFilter.AUTHENTICATION, caller);
        }
        return switch (access.verdict(caller)) {
            case ADMITTED -> null;
            case UNAUTHENTICATED -> new RouteRefusal(false);
            case FORBIDDEN -> new RouteRefusal(true);
        };
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
