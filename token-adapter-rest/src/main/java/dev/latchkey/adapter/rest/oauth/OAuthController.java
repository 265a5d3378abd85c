package dev.latchkey.adapter.rest.oauth;

import dev.latchkey.adapter.rest.MemoryFirst;
import dev.latchkey.adapter.rest.dpop.DpopProofs;
import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.adapter.rest.security.DialectCredentials;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.AuthorizeUseCase;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase.Introspector;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IssuedToken;
import dev.latchkey.application.port.in.PushAuthorizationRequestUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.SingleUseProofsUseCase;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 endpoints: token (RFC 6749), device authorization (RFC 8628), pushed authorization requests (RFC
 * 9126), introspection (RFC 7662) and revocation (RFC 7009). They speak
 * {@code application/x-www-form-urlencoded} in and RFC 6749 JSON out, and authenticate their callers as those RFCs
 * define, so the security filter leaves them alone ({@link SecurityRule#IS_ANONYMOUS}).
 */
@Tag(name = OAuthEndpoints.TAG, description = OAuthEndpoints.TAG_DESCRIPTION)
@ApiResponse(responseCode = "400",
        description = "invalid_request, invalid_grant, invalid_scope, invalid_target, "
                + "unauthorized_client or unsupported_grant_type",
        content = @Content(schema = @Schema(implementation = OAuthError.class)))
@ApiResponse(responseCode = "401", description = "invalid_client: client credentials were presented and are wrong",
        content = @Content(schema = @Schema(implementation = OAuthError.class)))
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class OAuthController {

    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** A JWT access token is an access token too; a client that knows it holds a JWT may say so. */
    private static final List<String> EXCHANGEABLE_TOKEN_TYPES =
            List.of(ACCESS_TOKEN_TYPE, "urn:ietf:params:oauth:token-type:jwt");

    /** The header a DPoP proof comes in (RFC 9449 section 4.1). */
    private static final String DPOP_HEADER = "DPoP";
    private static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";
    private static final String USE_DPOP_NONCE = "use_dpop_nonce";
    private static final String DPOP_NONCE_HEADER = "DPoP-Nonce";
    private final GrantTokensUseCase grantTokens;
    private final IntrospectTokenUseCase introspectToken;
    private final RevokeTokenUseCase revokeToken;
    private final AuthenticateUseCase authenticate;
    private final ClientAuthentication clientAuthentication;
    private final DialectCredentials dialects;
    private final MemoryFirst memoryFirst;
    private final ClientAddresses addresses;
    private final DeviceAuthorizationUseCase devices;
    private final IssuerLocation issuer;
    private final PushAuthorizationRequestUseCase pushRequests;
    private final DpopProofs dpopProofs;
    private final SingleUseProofsUseCase singleUseProofs;

    OAuthController(GrantTokensUseCase grantTokens, IntrospectTokenUseCase introspectToken,
                    RevokeTokenUseCase revokeToken, AuthenticateUseCase authenticate,
                    ClientAuthentication clientAuthentication, DialectCredentials dialects, MemoryFirst memoryFirst,
                    ClientAddresses addresses, DeviceAuthorizationUseCase devices, IssuerLocation issuer,
                    PushAuthorizationRequestUseCase pushRequests, DpopProofs dpopProofs,
                    SingleUseProofsUseCase singleUseProofs) {
        this.pushRequests = pushRequests;
        this.dpopProofs = dpopProofs;
        this.singleUseProofs = singleUseProofs;
        this.addresses = addresses;
        this.devices = devices;
        this.issuer = issuer;
        this.grantTokens = grantTokens;
        this.introspectToken = introspectToken;
        this.revokeToken = revokeToken;
        this.authenticate = authenticate;
        this.clientAuthentication = clientAuthentication;
        this.dialects = dialects;
        this.memoryFirst = memoryFirst;
    }

    /**
     * The token endpoint: authorization code, device code, refresh, client-credentials, token-exchange and (legacy)
     * password grants.
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(OAuthEndpoints.TOKEN)
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = OAuthForms.TokenRequest.class),
                            examples = @ExampleObject(value =
                                    "grant_type=password&username=admin&password=change-me-at-once&"
                                    + "scope=read write")))
    @ApiResponse(responseCode = "200",
            description = "An access token, and a refresh token for the password and refresh " + "grants",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    HttpResponse<?> token(HttpRequest<?> request, @Nullable @Body String body) {
        return withNextNonce(request, grant(request, body));
    }

    /** RFC 9449 section 8: a client that proves possession learns the nonce for its next proof from every answer. */
    private HttpResponse<?> withNextNonce(HttpRequest<?> request, HttpResponse<?> response) {
        if (request.getHeaders().contains(DPOP_HEADER) && response instanceof MutableHttpResponse<?> answer) {
            answer.header(DPOP_NONCE_HEADER, dpopProofs.nextNonce());
        }
        return response;
    }

    private HttpResponse<?> grant(HttpRequest<?> request, @Nullable String body) {
        return withForm(request, body, form -> {
            ClientAuthentication.Result client = clientAuthentication.authenticate(request, form);
            if (client instanceof ClientAuthentication.Result.Malformed malformed) {
                return OAuthError.badRequest(OAuthError.INVALID_REQUEST, malformed.reason());
            }
            if (client instanceof ClientAuthentication.Result.Failed failed) {
                return OAuthError.invalidClient(failed.reason());
            }
            Optional<OAuthClient> registered = client instanceof ClientAuthentication.Result.Client authenticated
                    ? Optional.of(authenticated.client()) : Optional.empty();
            Optional<String> grantTypeName = form.get("grant_type");
            if (grantTypeName.isEmpty()) {
                return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "grant_type is required");
            }
            Optional<GrantType> grantType = GrantType.fromWireName(grantTypeName.get());
            if (grantType.isEmpty()) {
                return OAuthError.badRequest(OAuthError.UNSUPPORTED_GRANT_TYPE, "supported grant types: "
                        + Arrays.stream(GrantType.values()).map(GrantType::wireName).collect(Collectors.joining(", ")));
            }
            Optional<Scopes> scope;
            try {
                scope = form.get("scope").map(Scopes::parseSpaceDelimited);
            } catch (InvalidValueException invalid) {
                return OAuthError.badRequest(OAuthError.INVALID_SCOPE, invalid.reason());
            }
            Bound bound = boundBy(request, registered);
            if (bound.refusal().isPresent()) {
                return bound.refusal().get();
            }
            GrantTokensUseCase grants = bound.grants();
            return switch (grantType.get()) {
                case AUTHORIZATION_CODE -> codeGrant(grants, form, registered);
                case DEVICE_CODE -> deviceCodeGrant(grants, form, registered);
                case PASSWORD -> passwordGrant(grants, form, addresses.of(request), scope, registered);
                case REFRESH_TOKEN -> refreshGrant(grants, form, scope, registered);
                case CLIENT_CREDENTIALS -> clientCredentialsGrant(grants, scope, registered);
                case TOKEN_EXCHANGE -> tokenExchange(grants, form, scope, registered);
            };
        });
    }

    /** The grants a token request gets: bound to the key of its DPoP proof, or not; or why the proof is refused. */
    private record Bound(GrantTokensUseCase grants, Optional<HttpResponse<?>> refusal) {
    }

    /**
     * A token request with a DPoP proof (RFC 9449 section 5) gets grants bound to the proof's key, once the proof
     * holds and is used for the first time on any node; a public client's refresh tokens are bound too, since no
     * secret protects them. Without a proof, the grants are the bearer ones, unless the client is registered to get
     * bound tokens only (RFC 9449 section 5.2, {@code dpop_bound_access_tokens}).
     */
    private Bound boundBy(HttpRequest<?> request, Optional<OAuthClient> client) {
        if (!request.getHeaders().contains(DPOP_HEADER) && client.filter(OAuthClient::requiresDpop).isPresent()) {
            return new Bound(grantTokens, Optional.of(OAuthError.badRequest(INVALID_DPOP_PROOF,
                    "The client is registered to get DPoP-bound tokens only: send a DPoP proof.")));
        }
        Proven proven = proofKey(request, OAuthEndpoints.TOKEN);
        if (proven.refusal().isPresent()) {
            return new Bound(grantTokens, proven.refusal());
        }
        return proven.key().map(key -> new Bound(grantTokens.boundTo(key,
                        client.map(OAuthClient::isPublic).orElse(true)), Optional.empty()))
                .orElseGet(() -> new Bound(grantTokens, Optional.empty()));
    }

    /** The key a request's DPoP proof was made with, if it carries one that holds; or why the proof is refused. */
    private record Proven(Optional<KeyThumbprint> key, Optional<HttpResponse<?>> refusal) {
    }

    /**
     * The request's DPoP proof, made for {@code path} at this issuer, checked from the request alone and then
     * recorded as used on every node (ADR 19): one proof, or none.
     */
    private Proven proofKey(HttpRequest<?> request, String path) {
        List<String> proofs = request.getHeaders().getAll(DPOP_HEADER);
        if (proofs.isEmpty()) {
            return new Proven(Optional.empty(), Optional.empty());
        }
        if (proofs.size() > 1) {
            return refusedProof(INVALID_DPOP_PROOF, "Send one DPoP proof, not " + proofs.size());
        }
        DpopProofs.Result checked = dpopProofs.check(proofs.get(0), request.getMethodName(),
                URI.create(issuer.of(request) + path), Optional.empty());
        if (checked instanceof DpopProofs.Result.Invalid invalid) {
            return refusedProof(INVALID_DPOP_PROOF, invalid.reason());
        }
        if (checked instanceof DpopProofs.Result.NonceNeeded needed) {
            return refusedProof(USE_DPOP_NONCE, needed.reason());
        }
        DpopProofs.Result.Valid valid = (DpopProofs.Result.Valid) checked;
        KeyThumbprint key = KeyThumbprint.of(valid.thumbprint());
        if (!singleUseProofs.firstUse(new AuthenticateUseCase.Possession(key, valid.jti(), valid.usableUntil()))) {
            return refusedProof(INVALID_DPOP_PROOF, "The DPoP proof was used before: make a new one for each request.");
        }
        return new Proven(Optional.of(key), Optional.empty());
    }

    private static Proven refusedProof(String error, String description) {
        return new Proven(Optional.empty(), Optional.of(OAuthError.badRequest(error, description)));
    }

    /**
     * The device authorization endpoint (RFC 8628 section 3.1): a device without a browser gets a device code to poll
     * with, and a user code for a person to enter at {@code verification_uri}, signed in at Latchkey.
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(OAuthEndpoints.DEVICE_AUTHORIZATION)
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = OAuthForms.DeviceAuthorizationRequest.class),
                    examples = @ExampleObject(value = "client_id=...&scope=read")))
    @ApiResponse(responseCode = "200", description = "The device code, the user code and where to enter it",
            content = @Content(schema = @Schema(implementation = DeviceAuthorizationResponse.class)))
    HttpResponse<?> deviceAuthorization(HttpRequest<?> request, @Nullable @Body String body) {
        return withClient(request, body, "the device authorization endpoint", (client, form) -> {
            DeviceAuthorizationUseCase.Start start = devices.start(client, form.get("scope"), form.get("dpop_jkt"));
            if (start instanceof DeviceAuthorizationUseCase.Start.Refused refused) {
                return OAuthError.badRequest(refused.error(), refused.reason());
            }
            DeviceAuthorizationUseCase.Start.Started started = (DeviceAuthorizationUseCase.Start.Started) start;
            String verification = issuer.of(request) + OAuthEndpoints.DEVICE_VERIFICATION;
            String userCode = started.userCode().display();
            return NoStore.apply(HttpResponse.ok(new DeviceAuthorizationResponse(started.deviceCode().reveal(),
                    userCode, verification, verification + "?user_code=" + userCode,
                    started.expiresIn().toSeconds(), started.interval().toSeconds())));
        });
    }

    /**
     * Pushed authorization requests (RFC 9126): the client sends the authorization request here, authenticated as at
     * the token endpoint, and the browser then carries only the {@code request_uri} answered, which lives 60 s and
     * is used once.
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(OAuthEndpoints.PUSHED_AUTHORIZATION_REQUEST)
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = OAuthForms.PushedAuthorizationRequest.class),
                    examples = @ExampleObject(value = "client_id=...&response_type=code&redirect_uri=https://app."
                            + "example/callback&scope=read&state=...&code_challenge=...&code_challenge_method=S256")))
    @ApiResponse(responseCode = "201", description = "The request_uri for the authorization endpoint",
            content = @Content(schema = @Schema(implementation = PushedRequestResponse.class)))
    HttpResponse<?> pushAuthorizationRequest(HttpRequest<?> request, @Nullable @Body String body) {
        return withNextNonce(request, withClient(request, body, "pushing a request", (client, form) -> {
            // RFC 9449 section 10.1: a proof sent with the pushed request binds its code, as dpop_jkt does.
            Proven proven = proofKey(request, OAuthEndpoints.PUSHED_AUTHORIZATION_REQUEST);
            if (proven.refusal().isPresent()) {
                return proven.refusal().get();
            }
            AuthorizeUseCase.AuthorizationParameters parameters = AuthorizationRequestParameters.from(form);
            if (proven.key().isPresent()) {
                String thumbprint = proven.key().get().value();
                if (parameters.dpopJkt().filter(named -> !named.equals(thumbprint)).isPresent()) {
                    return OAuthError.badRequest(INVALID_DPOP_PROOF,
                            "The dpop_jkt is not the thumbprint of the DPoP proof's key.");
                }
                parameters = AuthorizationRequestParameters.withDpopJkt(parameters, thumbprint);
            }
            PushAuthorizationRequestUseCase.Outcome outcome = pushRequests.push(client, parameters);
            if (outcome instanceof PushAuthorizationRequestUseCase.Outcome.Refused refused) {
                return OAuthError.badRequest(refused.error(), refused.description());
            }
            PushAuthorizationRequestUseCase.Outcome.Pushed pushed =
                    (PushAuthorizationRequestUseCase.Outcome.Pushed) outcome;
            return NoStore.apply(HttpResponse.status(io.micronaut.http.HttpStatus.CREATED)
                    .body(new PushedRequestResponse(pushed.requestUri(), pushed.expiresIn().toSeconds())));
        }));
    }

    /** On the event loop while memory can answer: resource servers call this for every request they serve. */
    @Post(OAuthEndpoints.INTROSPECT)
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = OAuthForms.IntrospectionRequest.class),
                            examples = @ExampleObject(value = "token=lk_...")))
    @ApiResponse(responseCode = "200",
            description = "{\"active\": true, ...} for an active token; exactly {\"active\": false} "
                    + "for anything else",
            content = @Content(schema = @Schema(implementation = Introspection.Response.class)))
    @ApiResponse(responseCode = "403", description = "insufficient_scope: the bearer token lacks the introspect scope",
            content = @Content(schema = @Schema(implementation = OAuthError.class)))
    CompletionStage<HttpResponse<?>> introspect(HttpRequest<?> request, @Nullable @Body String body) {
        return memoryFirst.call(() -> withCallerAndToken(request, body, (caller, token, form) -> {
            if (caller.publicClient().isPresent()) {
                return OAuthError.invalidClient("a public client cannot introspect tokens");
            }
            Introspector introspector = caller.introspector();
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

    /** Token revocation (RFC 7009); revoking a refresh token revokes its whole grant. */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(OAuthEndpoints.REVOKE)
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = OAuthForms.RevocationRequest.class),
                            examples = @ExampleObject(value = "token=lk_...&token_type_hint=refresh_token")))
    @ApiResponse(responseCode = "200", description = "Revoked, or nothing to revoke: the answer does not tell")
    HttpResponse<?> revoke(HttpRequest<?> request, @Nullable @Body String body) {
        return withCallerAndToken(request, body, (caller, token, form) -> {
            // The hint only speeds up a search; Latchkey finds any token by its credential, so it is not needed.
            RevokeTokenUseCase.PresentedOutcome outcome = revokeToken.revokePresented(
                    new RevokeTokenUseCase.RevokePresentedCommand(token, caller.publicClient()));
            if (outcome instanceof RevokeTokenUseCase.PresentedOutcome.IssuedToAnotherClient) {
                return OAuthError.badRequest(OAuthError.UNAUTHORIZED_CLIENT,
                        "a public client may revoke only the tokens issued to it");
            }
            return NoStore.apply(HttpResponse.ok());
        });
    }

    /**
     * What the endpoints that start a flow for a client share (device authorization, pushed requests): a form, and
     * the client, authenticated as at the token endpoint, or a public one by its id.
     */
    private HttpResponse<?> withClient(HttpRequest<?> request, String body, String whatNeedsIt,
                                       java.util.function.BiFunction<OAuthClient, FormParameters, HttpResponse<?>>
                                               handler) {
        return withForm(request, body, form -> {
            ClientAuthentication.Result client = clientAuthentication.authenticate(request, form);
            if (client instanceof ClientAuthentication.Result.Malformed malformed) {
                return OAuthError.badRequest(OAuthError.INVALID_REQUEST, malformed.reason());
            }
            if (!(client instanceof ClientAuthentication.Result.Client authenticated)) {
                return OAuthError.invalidClient(whatNeedsIt + " needs the client: its id and secret, or a public "
                        + "client's client_id");
            }
            return handler.apply(authenticated.client(), form);
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
            return handler.handle((Introspection.Caller.Allowed) caller, dialects.unwrap(token.get()), form);
        });
    }

    @FunctionalInterface
    private interface CallerAndTokenHandler {
        HttpResponse<?> handle(Introspection.Caller.Allowed caller, String token, FormParameters form);
    }

    private HttpResponse<?> passwordGrant(GrantTokensUseCase grants, FormParameters form, String address, Optional<Scopes> scope,
                                          Optional<OAuthClient> client) {
        Optional<String> username = form.get("username");
        Optional<String> password = form.get("password");
        if (username.isEmpty() || password.isEmpty()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "username and password are required");
        }
        return granted(grants.grant(new GrantTokensUseCase.PasswordGrant(username.get(), password.get(), address,
                scope, client)));
    }

    /** RFC 6749 section 4.1.3 with RFC 7636's verifier; the client is the one the code was issued to. */
    private HttpResponse<?> codeGrant(GrantTokensUseCase grants, FormParameters form, Optional<OAuthClient> client) {
        if (client.isEmpty()) {
            return OAuthError.invalidClient("the authorization_code grant needs the client: its id and secret, or "
                    + "a public client's client_id");
        }
        Optional<String> code = form.get("code");
        if (code.isEmpty()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "code is required");
        }
        // A missing verifier answers no challenge: invalid_grant, as a wrong one is (RFC 7636 section 4.6).
        return granted(grants.grant(new GrantTokensUseCase.CodeGrant(code.get(), form.get("redirect_uri"),
                form.get("code_verifier").orElse(""), client.get())));
    }

    /** RFC 8628 section 3.4: the device polls with its device code. */
    private HttpResponse<?> deviceCodeGrant(GrantTokensUseCase grants, FormParameters form, Optional<OAuthClient> client) {
        if (client.isEmpty()) {
            return OAuthError.invalidClient("the device_code grant needs the client that started the request");
        }
        Optional<String> deviceCode = form.get("device_code");
        if (deviceCode.isEmpty()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "device_code is required");
        }
        return granted(grants.grant(new GrantTokensUseCase.DeviceCodeGrant(deviceCode.get(), client.get())));
    }

    private HttpResponse<?> refreshGrant(GrantTokensUseCase grants, FormParameters form, Optional<Scopes> scope, Optional<OAuthClient> client) {
        Optional<String> refreshToken = form.get("refresh_token");
        if (refreshToken.isEmpty()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST, "refresh_token is required");
        }
        return granted(grants.grant(new GrantTokensUseCase.RefreshGrant(refreshToken.get(), scope, client)));
    }

    private HttpResponse<?> clientCredentialsGrant(GrantTokensUseCase grants, Optional<Scopes> scope, Optional<OAuthClient> client) {
        if (client.isEmpty()) {
            return OAuthError.invalidClient("client_credentials needs the client's id and secret");
        }
        if (client.get().isPublic()) {
            return OAuthError.badRequest(OAuthError.UNAUTHORIZED_CLIENT,
                    "a public client has no credentials of its own to grant on");
        }
        return granted(grants.grant(new GrantTokensUseCase.ClientCredentialsGrant(client.get(), scope)));
    }

    /** RFC 8693 section 2.1: only a Latchkey access token for a Latchkey access token, one audience at most. */
    private HttpResponse<?> tokenExchange(GrantTokensUseCase grants, FormParameters form, Optional<Scopes> scope, Optional<OAuthClient> client) {
        Optional<String> subjectToken = form.get("subject_token");
        Optional<String> subjectTokenType = form.get("subject_token_type");
        if (subjectToken.isEmpty() || subjectTokenType.isEmpty()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST,
                    "subject_token and subject_token_type are required");
        }
        if (!EXCHANGEABLE_TOKEN_TYPES.contains(subjectTokenType.get())) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST,
                    "subject_token_type must be " + String.join(" or ", EXCHANGEABLE_TOKEN_TYPES));
        }
        if (form.get("requested_token_type").filter(type -> !type.equals(ACCESS_TOKEN_TYPE)).isPresent()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST,
                    "requested_token_type can only be " + ACCESS_TOKEN_TYPE);
        }
        if (form.get("actor_token").isPresent() || form.get("actor_token_type").isPresent()) {
            return OAuthError.badRequest(OAuthError.INVALID_REQUEST,
                    "actor_token is not supported: an exchange narrows the subject token, it does not delegate");
        }
        if (form.get("resource").isPresent()) {
            return OAuthError.badRequest(OAuthError.INVALID_TARGET,
                    "resource is not supported; name the resource server with audience");
        }
        Optional<Audience> audience;
        try {
            audience = form.get("audience").map(Audience::of);
        } catch (InvalidValueException invalid) {
            return OAuthError.badRequest(OAuthError.INVALID_TARGET, "audience " + invalid.reason());
        }
        // RFC 8693 section 2.2.1: an exchange names the type of what it issued.
        return granted(grants.grant(new GrantTokensUseCase.TokenExchangeGrant(dialects.unwrap(subjectToken.get()),
                scope, audience, client)), ACCESS_TOKEN_TYPE);
    }

    private HttpResponse<?> granted(GrantTokensUseCase.Outcome outcome) {
        return granted(outcome, null);
    }

    private HttpResponse<?> granted(GrantTokensUseCase.Outcome outcome, @Nullable String issuedTokenType) {
        if (outcome instanceof GrantTokensUseCase.Outcome.InvalidGrant invalid) {
            return OAuthError.badRequest(OAuthError.INVALID_GRANT, invalid.reason());
        }
        if (outcome instanceof GrantTokensUseCase.Outcome.InvalidScope invalid) {
            return OAuthError.badRequest(OAuthError.INVALID_SCOPE, invalid.reason());
        }
        if (outcome instanceof GrantTokensUseCase.Outcome.UnauthorizedClient unauthorized) {
            return OAuthError.badRequest(OAuthError.UNAUTHORIZED_CLIENT, unauthorized.reason());
        }
        if (outcome instanceof GrantTokensUseCase.Outcome.InvalidTarget invalid) {
            return OAuthError.badRequest(OAuthError.INVALID_TARGET, invalid.reason());
        }
        if (outcome instanceof GrantTokensUseCase.Outcome.DeviceNotReady notReady) {
            return OAuthError.badRequest(notReady.error().wireName(), notReady.reason());
        }
        GrantTokensUseCase.Outcome.Granted granted = (GrantTokensUseCase.Outcome.Granted) outcome;
        IssuedToken access = granted.access();
        // Just issued, so the time to expiry is the whole lifetime.
        long expiresIn = access.token().expiry().instant()
                .map(expiry -> Duration.between(access.token().createdAt(), expiry).getSeconds())
                .orElseThrow();
        String scope = access.token().scopes().asSpaceDelimited();
        // RFC 9449 section 5: a token bound to a key is of type DPoP, and is sent as such.
        String tokenType = access.token().proofKey().isPresent() ? "DPoP" : "Bearer";
        return NoStore.apply(HttpResponse.ok(new TokenResponse(access.credential(), tokenType, expiresIn,
                granted.refresh().map(IssuedToken::credential).orElse(null), scope.isEmpty() ? null : scope,
                issuedTokenType)));
    }

    /**
     * Resource servers authenticate as a registered client, or with a bearer token; introspection additionally
     * needs the token to carry the {@code introspect} scope, which the use case checks. A public client is
     * identified, not authenticated: it may revoke its own tokens, nothing more.
     */
    private Introspection.Caller introspector(HttpRequest<?> request, FormParameters form) {
        Optional<String> bearer = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(header -> dialects.unwrap(header.substring(7).trim()));
        if (bearer.isPresent()) {
            AuthenticateUseCase.Outcome outcome =
                    authenticate.authenticate(new AuthenticateUseCase.PresentedToken(bearer.get(), addresses.of(request)));
            if (outcome instanceof AuthenticateUseCase.Outcome.Authenticated authenticated) {
                return new Introspection.Caller.Allowed(new Introspector.TokenBearer(authenticated.caller()),
                        Optional.empty());
            }
            return new Introspection.Caller.Refused(OAuthError.invalidClient("the bearer token was not accepted"));
        }
        ClientAuthentication.Result client = clientAuthentication.authenticate(request, form);
        if (client instanceof ClientAuthentication.Result.Client authenticated) {
            OAuthClient registered = authenticated.client();
            return new Introspection.Caller.Allowed(new Introspector.Client(registered.id()),
                    Optional.of(registered.id()).filter(ignored -> registered.isPublic()));
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
