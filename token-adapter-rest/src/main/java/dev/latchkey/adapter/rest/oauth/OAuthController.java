package dev.latchkey.adapter.rest.oauth;

import dev.latchkey.adapter.rest.MemoryFirst;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.adapter.rest.security.DialectCredentials;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase.Introspector;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IssuedToken;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The OAuth 2.0 endpoints: token (RFC 6749), introspection (RFC 7662) and revocation (RFC 7009). They speak
 * {@code application/x-www-form-urlencoded} in and RFC 6749 JSON out, and authenticate their callers as those RFCs
 * define, so the security filter leaves them alone ({@link SecurityRule#IS_ANONYMOUS}).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class OAuthController {

    private final GrantTokensUseCase grantTokens;
    private final IntrospectTokenUseCase introspectToken;
    private final RevokeTokenUseCase revokeToken;
    private final AuthenticateUseCase authenticate;
    private final ClientAuthentication clientAuthentication;
    private final DialectCredentials dialects;
    private final MemoryFirst memoryFirst;
    private final ClientAddresses addresses;

    OAuthController(GrantTokensUseCase grantTokens, IntrospectTokenUseCase introspectToken,
                    RevokeTokenUseCase revokeToken, AuthenticateUseCase authenticate,
                    ClientAuthentication clientAuthentication, DialectCredentials dialects, MemoryFirst memoryFirst,
                    ClientAddresses addresses) {
        this.addresses = addresses;
        this.grantTokens = grantTokens;
        this.introspectToken = introspectToken;
        this.revokeToken = revokeToken;
        this.authenticate = authenticate;
        this.clientAuthentication = clientAuthentication;
        this.dialects = dialects;
        this.memoryFirst = memoryFirst;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(OAuthEndpoints.TOKEN)
    @Consumes(MediaType.ALL)
    HttpResponse<?> token(HttpRequest<?> request, @Nullable @Body String body) {
        return withForm(request, body, form -> {
            ClientAuthentication.Result client = clientAuthentication.authenticate(request, form);
            if (client instanceof ClientAuthentication.Result.Malformed malformed) {
                return OAuthError.badRequest(OAuthError.INVALID_REQUEST, malformed.reason());
            }
            if (client instanceof ClientAuthentication.Result.Failed failed) {
                return OAuthError.invalidClient(failed.reason());
            }
            Optional<ClientId> clientId = client instanceof ClientAuthentication.Result.Client authenticated
                    ? Optional.of(authenticated.client().id()) : Optional.empty();
            Optional<String> grantType = form.get("grant_type");
            if (grantType.isEmpty()) {
                return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "grant_type is required");
            }
            Optional<Scopes> scope;
            try {
                scope = form.get("scope").map(Scopes::parseSpaceDelimited);
            } catch (InvalidValueException invalid) {
                return OAuthError.badRequest(OAuthError.INVALID_SCOPE, invalid.reason());
            }
            return switch (grantType.get()) {
                case "password" -> passwordGrant(form, addresses.of(request), scope, clientId);
                case "refresh_token" -> refreshGrant(form, scope, clientId);
                default -> OAuthError.badRequest(OAuthError.UNSUPPORTED_GRANT_TYPE,
                        "supported grant types: password, refresh_token");
            };
        });
    }

    /** On the event loop while memory can answer: resource servers call this for every request they serve. */
    @Post(OAuthEndpoints.INTROSPECT)
    @Consumes(MediaType.ALL)
    Mono<HttpResponse<?>> introspect(HttpRequest<?> request, @Nullable @Body String body) {
        return memoryFirst.call(() -> withCallerAndToken(request, body, (introspector, token, form) -> {
            boolean peek = form.get("peek").filter("true"::equals).isPresent();
            IntrospectTokenUseCase.Outcome outcome = introspectToken.introspect(
                    new IntrospectTokenUseCase.IntrospectionQuery(introspector, token, peek));
            if (outcome instanceof IntrospectTokenUseCase.Outcome.NotAllowed) {
                return OAuthError.respond(io.micronaut.http.HttpStatus.FORBIDDEN, OAuthError.INSUFFICIENT_SCOPE,
                        "the token lacks the scope '" + Scopes.INTROSPECT + "'");
            }
            return NoStore.apply(HttpResponse.ok(Introspection.responseFor(outcome)));
        }));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(OAuthEndpoints.REVOKE)
    @Consumes(MediaType.ALL)
    HttpResponse<?> revoke(HttpRequest<?> request, @Nullable @Body String body) {
        return withCallerAndToken(request, body, (introspector, token, form) -> {
            // The hint only speeds up a search; Latchkey finds any token by its credential, so it is not needed.
            revokeToken.revokePresented(new RevokeTokenUseCase.RevokePresentedCommand(token));
            return NoStore.apply(HttpResponse.ok());
        });
    }

    /** What introspection and revocation share: an authenticated caller, and a {@code token} parameter. */
    private HttpResponse<?> withCallerAndToken(HttpRequest<?> request, String body, CallerAndTokenHandler handler) {
        return withForm(request, body, form -> {
            Introspection.Caller caller = introspector(request, form);
            if (caller instanceof Introspection.Caller.Refused refused) {
                return refused.response();
            }
            Optional<String> token = form.get("token");
            if (token.isEmpty()) {
                return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "token is required");
            }
            return handler.handle(((Introspection.Caller.Allowed) caller).introspector(), dialects.unwrap(token.get()),
                    form);
        });
    }

    @FunctionalInterface
    private interface CallerAndTokenHandler {
        HttpResponse<?> handle(Introspector caller, String token, FormParameters form);
    }

    private HttpResponse<?> passwordGrant(FormParameters form, String address, Optional<Scopes> scope,
                                          Optional<ClientId> client) {
        Optional<String> username = form.get("username");
        Optional<String> password = form.get("password");
        if (username.isEmpty() || password.isEmpty()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "username and password are required");
        }
        return granted(grantTokens.grant(new GrantTokensUseCase.PasswordGrant(username.get(), password.get(), address,
                scope, client)));
    }

    private HttpResponse<?> refreshGrant(FormParameters form, Optional<Scopes> scope, Optional<ClientId> client) {
        Optional<String> refreshToken = form.get("refresh_token");
        if (refreshToken.isEmpty()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "refresh_token is required");
        }
        return granted(grantTokens.grant(new GrantTokensUseCase.RefreshGrant(refreshToken.get(), scope, client)));
    }

    private HttpResponse<?> granted(GrantTokensUseCase.Outcome outcome) {
        if (outcome instanceof GrantTokensUseCase.Outcome.InvalidGrant invalid) {
            return OAuthError.badRequest(OAuthError.INVALID_GRANT, invalid.reason());
        }
        if (outcome instanceof GrantTokensUseCase.Outcome.InvalidScope invalid) {
            return OAuthError.badRequest(OAuthError.INVALID_SCOPE, invalid.reason());
        }
        GrantTokensUseCase.Outcome.Granted granted = (GrantTokensUseCase.Outcome.Granted) outcome;
        IssuedToken access = granted.access();
        // Just issued, so the time to expiry is the whole lifetime.
        long expiresIn = access.token().expiry().instant()
                .map(expiry -> Duration.between(access.token().createdAt(), expiry).getSeconds())
                .orElseThrow();
        String scope = access.token().scopes().asSpaceDelimited();
        return NoStore.apply(HttpResponse.ok(new TokenResponse(access.credential(), "Bearer", expiresIn,
                granted.refresh().credential(), scope.isEmpty() ? null : scope)));
    }

    /**
     * Resource servers authenticate as a registered client, or with a bearer token; introspection additionally
     * needs the token to carry the {@code introspect} scope, which the use case checks.
     */
    private Introspection.Caller introspector(HttpRequest<?> request, FormParameters form) {
        Optional<String> bearer = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(header -> dialects.unwrap(header.substring(7).trim()));
        if (bearer.isPresent()) {
            AuthenticateUseCase.Outcome outcome =
                    authenticate.authenticate(new AuthenticateUseCase.PresentedToken(bearer.get()));
            if (outcome instanceof AuthenticateUseCase.Outcome.Authenticated authenticated) {
                return new Introspection.Caller.Allowed(new Introspector.TokenBearer(authenticated.caller()));
            }
            return new Introspection.Caller.Refused(OAuthError.invalidClient("the bearer token was not accepted"));
        }
        ClientAuthentication.Result client = clientAuthentication.authenticate(request, form);
        if (client instanceof ClientAuthentication.Result.Client authenticated) {
            OAuthClient registered = authenticated.client();
            return new Introspection.Caller.Allowed(new Introspector.Client(registered.id()));
        }
        if (client instanceof ClientAuthentication.Result.Malformed malformed) {
            return new Introspection.Caller.Refused(
                    OAuthError.badRequest(OAuthError.INVALID_REQUEST, malformed.reason()));
        }
        return new Introspection.Caller.Refused(OAuthError.invalidClient(
                "authenticate as a registered client, or with a bearer token"));
    }

    private static HttpResponse<?> withForm(HttpRequest<?> request, String body,
                                            java.util.function.Function<FormParameters, HttpResponse<?>> handler) {
        boolean isForm = request.getContentType()
                .filter(type -> type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).isPresent();
        if (!isForm) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST,
                    "the body must be application/x-www-form-urlencoded");
        }
        FormParameters.Parsed parsed = FormParameters.parse(body);
        if (parsed instanceof FormParameters.Parsed.Malformed malformed) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST, malformed.reason());
        }
        return handler.apply(((FormParameters.Parsed.Form) parsed).parameters());
    }
}
