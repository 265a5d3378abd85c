package dev.latchkey.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.adapter.rest.oauth.ClientKeySets;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ListTokensUseCase.ListTokensQuery;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RotateClientSecretUseCase;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SignInSettings;
import dev.latchkey.domain.TokenId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OAuth 2.0 clients, for administrators: register confidential clients (gateways, resource servers, services) and
 * public ones (command lines, apps), list them, disable one (which revokes every token issued to it), rotate a
 * confidential one's secret, and see and revoke the tokens a client obtained as itself with the client-credentials
 * grant.
 */
@Tag(name = "OAuth 2.0 clients",
        description = "Registering and managing the gateways, services and apps that use the "
                + "OAuth 2.0 endpoints. Administrators only.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "400", description = "A field is invalid",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/clients")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
class ClientController {

    private static final String PRIVATE_KEY_JWT = "private_key_jwt";

    private final RegisterClientUseCase registerClient;
    private final AdministerClientsUseCase clients;
    private final RotateClientSecretUseCase rotateSecret;
    private final JsonBodies bodies;
    private final ClientKeySets keySets;
    private final Clock clock;

    ClientController(RegisterClientUseCase registerClient, AdministerClientsUseCase clients,
                     RotateClientSecretUseCase rotateSecret, JsonBodies bodies, ClientKeySets keySets, Clock clock) {
        this.registerClient = registerClient;
        this.keySets = keySets;
        this.clients = clients;
        this.rotateSecret = rotateSecret;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** Registers a client; a confidential client's secret is in this response only. */
    @Post
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = RegisterClientRequest.class),
                            examples = @ExampleObject(value =
                                    "{\"name\":\"billing-service\",\"grantTypes\":[\"client_credentials\"],"
                                    + "\"scopes\":[\"reports:read\"]}")))
    @ApiResponse(responseCode = "201",
            description = "The client, with its secret (confidential clients only), shown this " + "once",
            content = @Content(schema = @Schema(implementation = RegisteredClient.class)))
    HttpResponse<?> register(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        RegisterClientRequest body = bodies.read(request, json, RegisterClientRequest.class);
        RegisterClientUseCase.RegisterClientCommand command;
        try {
            ClientType type = body.type() == null
                    ? "none".equals(body.tokenEndpointAuthMethod()) ? ClientType.PUBLIC : ClientType.CONFIDENTIAL
                    : ClientType.fromWireName(body.type());
            command = new RegisterClientUseCase.RegisterClientCommand(AuthenticatedCaller.of(authentication),
                    body.name(), type, Optional.ofNullable(body.grantTypes()).map(ClientController::grantTypes),
                    Optional.ofNullable(body.scopes()).map(Scopes::of),
                    new SignInSettings(Optional.ofNullable(body.redirectUris()).orElse(List.of()).stream()
                            .map(RedirectUri::parse).toList(), Boolean.TRUE.equals(body.pushedRequestsRequired()),
                            Boolean.TRUE.equals(body.consentSkipped())),
                    new KeySettings(registeredKeys(type, body), Boolean.TRUE.equals(body.dpopBoundAccessTokens())));
        } catch (InvalidValueException invalid) {
            return Problems.response(request, ProblemType.INVALID_REQUEST, invalid.field() + " " + invalid.reason());
        }
        RegisterClientUseCase.Outcome outcome = registerClient.register(command);
        if (outcome instanceof RegisterClientUseCase.Outcome.Refused refused) {
            return Problems.response(request, ProblemType.INVALID_REQUEST, refused.field() + ": " + refused.reason());
        }
        RegisterClientUseCase.Outcome.Registered registered = (RegisterClientUseCase.Outcome.Registered) outcome;
        OAuthClient client = registered.client();
        return HttpResponse.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/clients/" + client.id().value())
                .body(RegisteredClient.of(client, registered.secret().map(ClientSecret::reveal), clock.instant()));
    }

    /** Lists the registered clients. */
    @Get
    @ApiResponse(responseCode = "200", description = "Every client, oldest first",
            content = @Content(schema = @Schema(implementation = ClientList.class)))
    HttpResponse<?> list(HttpRequest<?> request, Authentication authentication) {
        return HttpResponse.ok(new ClientList(clients.list(AuthenticatedCaller.of(authentication)).stream()
                .map(client -> ClientInfo.of(client, clock.instant())).toList()));
    }

    /** Reads a client. */
    @Get("/{clientId}")
    @ApiResponse(responseCode = "200", description = "The client",
            content = @Content(schema = @Schema(implementation = ClientInfo.class)))
    @ApiResponse(responseCode = "404", description = "No client has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> find(HttpRequest<?> request, @PathVariable String clientId, Authentication authentication) {
        return withClientId(request, clientId, id -> clients.find(AuthenticatedCaller.of(authentication), id)
                .<HttpResponse<?>>map(client -> HttpResponse.ok(ClientInfo.of(client, clock.instant())))
                .orElseGet(() -> clientNotFound(request)));
    }

    /**
     * Turns the client off or on (disabling revokes every token issued to it, at once), or changes how it sends
     * people to sign in: {@code redirectUris}, {@code pushedRequestsRequired}, {@code consentSkipped} (a first-party
     * client, whose people are not asked to consent). What is left out stays as it is.
     */
    @Patch("/{clientId}")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClientUpdate.class),
                    examples = @ExampleObject(value = "{\"consentSkipped\":true}")))
    @ApiResponse(responseCode = "200", description = "The client; disabling it revokes every token issued to it",
            content = @Content(schema = @Schema(implementation = ClientInfo.class)))
    @ApiResponse(responseCode = "404", description = "No client has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> update(HttpRequest<?> request, @PathVariable String clientId, @Nullable @Body String json,
                           Authentication authentication) {
        ClientUpdate body = bodies.read(request, json, ClientUpdate.class);
        if (body.enabled() == null && !body.changesSignIn() && !body.changesKeys()) {
            return Problems.response(request, ProblemType.INVALID_REQUEST, "the body changes nothing: give enabled, "
                    + "redirectUris, pushedRequestsRequired, consentSkipped, jwks, jwksUri or dpopBoundAccessTokens");
        }
        AdministerClientsUseCase.SignInChange signIn;
        AdministerClientsUseCase.KeyChange keys;
        try {
            signIn = new AdministerClientsUseCase.SignInChange(Optional.ofNullable(body.redirectUris())
                    .map(uris -> uris.stream().map(RedirectUri::parse).toList()),
                    Optional.ofNullable(body.pushedRequestsRequired()), Optional.ofNullable(body.consentSkipped()));
            keys = new AdministerClientsUseCase.KeyChange(keys(body.jwks(), body.jwksUri()),
                    Optional.ofNullable(body.dpopBoundAccessTokens()));
        } catch (InvalidValueException invalid) {
            return Problems.response(request, ProblemType.INVALID_REQUEST, invalid.field() + " " + invalid.reason());
        }
        Caller caller = AuthenticatedCaller.of(authentication);
        return withClientId(request, clientId, id -> {
            Optional<OAuthClient> changed = body.changesSignIn() ? clients.changeSignIn(caller, id, signIn)
                    : clients.find(caller, id);
            if (changed.isPresent() && body.changesKeys()) {
                changed = clients.changeKeys(caller, id, keys);
            }
            if (changed.isPresent() && body.enabled() != null) {
                changed = clients.setEnabled(caller, id, body.enabled());
            }
            return changed.<HttpResponse<?>>map(client -> HttpResponse.ok(ClientInfo.of(client, clock.instant())))
                    .orElseGet(() -> clientNotFound(request));
        });
    }

    /**
     * Gives a confidential client a new secret, shown in this response only. The old one stays accepted for
     * {@code previousSecretValidForSeconds} (none by default, as after a leak); {@code revokeTokens} also revokes
     * every token issued to the client.
     */
    @Post("/{clientId}/secret")
    @RequestBody(content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SecretRotation.class),
            examples = @ExampleObject(value = "{\"previousSecretValidForSeconds\":86400}")))
    @ApiResponse(responseCode = "200", description = "The new secret, shown this once",
            content = @Content(schema = @Schema(implementation = RotatedSecret.class)))
    @ApiResponse(responseCode = "404", description = "No client has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The client has no secret: it is public, or signs with keys",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> rotateSecret(HttpRequest<?> request, @PathVariable String clientId, @Nullable @Body String json,
                                 Authentication authentication) {
        SecretRotation body = bodies.readOptional(request, json, SecretRotation.class);
        Duration overlap = Duration.ofSeconds(Optional.ofNullable(body.previousSecretValidForSeconds()).orElse(0L));
        return withClientId(request, clientId, id -> {
            RotateClientSecretUseCase.Outcome outcome = rotateSecret.rotate(
                    new RotateClientSecretUseCase.RotateClientSecretCommand(AuthenticatedCaller.of(authentication), id,
                            overlap, Boolean.TRUE.equals(body.revokeTokens())));
            if (outcome instanceof RotateClientSecretUseCase.Outcome.Rotated rotated) {
                return HttpResponse.ok(RotatedSecret.of(rotated));
            }
            if (outcome instanceof RotateClientSecretUseCase.Outcome.Refused refused) {
                return Problems.response(request, ProblemType.INVALID_REQUEST,
                        refused.field() + " " + refused.reason());
            }
            if (outcome instanceof RotateClientSecretUseCase.Outcome.HasNoSecret) {
                return Problems.response(request, ProblemType.CLIENT_HAS_NO_SECRET,
                        "The client has no secret to rotate: it is public, or signs with its keys.");
            }
            return clientNotFound(request);
        });
    }

    /** A client's own tokens (client credentials). */
    @Get("/{clientId}/tokens")
    @ApiResponse(responseCode = "200", description = "The client's own tokens (client credentials), newest first",
            content = @Content(schema = @Schema(implementation = TokenListResponse.class)))
    @ApiResponse(responseCode = "404", description = "No client has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> tokens(HttpRequest<?> request, @PathVariable String clientId,
                           @QueryValue(defaultValue = "0") int page,
                           @QueryValue(defaultValue = "" + ListTokensQuery.DEFAULT_SIZE) int size,
                           Authentication authentication) {
        Caller caller = AuthenticatedCaller.of(authentication);
        return withClientId(request, clientId, id -> {
            Optional<ListTokensUseCase.TokenListing> listing = clients.serviceAccountTokens(caller, id, page, size);
            return listing.<HttpResponse<?>>map(found -> HttpResponse.ok(new TokenListResponse(
                            found.tokens().stream().map(TokenInfo::of).toList(), found.page(), found.size(),
                            found.totalTokens())))
                    .orElseGet(() -> clientNotFound(request));
        });
    }

    /** Revokes one of a client's own tokens. */
    @Delete("/{clientId}/tokens/{tokenId}")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "The client has no token with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> revokeToken(HttpRequest<?> request, @PathVariable String clientId, @PathVariable String tokenId,
                                Authentication authentication) {
        Optional<TokenId> token = TokenId.parse(tokenId);
        return withClientId(request, clientId, id -> token.isPresent()
                && clients.revokeServiceAccountToken(AuthenticatedCaller.of(authentication), id, token.get())
                ? HttpResponse.noContent()
                : Problems.response(request, ProblemType.TOKEN_NOT_FOUND,
                        "The client has no such token of its own."));
    }

    private static HttpResponse<?> withClientId(HttpRequest<?> request, String clientId,
                                                java.util.function.Function<ClientId, HttpResponse<?>> handler) {
        ClientId id;
        try {
            id = ClientId.of(clientId);
        } catch (InvalidValueException malformed) {
            return clientNotFound(request);
        }
        return handler.apply(id);
    }

    private static HttpResponse<?> clientNotFound(HttpRequest<?> request) {
        return Problems.response(request, ProblemType.CLIENT_NOT_FOUND, "There is no such client.");
    }

    /**
     * The keys a registration gives, checked against its {@code tokenEndpointAuthMethod}: {@code private_key_jwt}
     * (the default where keys are given) needs {@code jwks} or {@code jwksUri}; every other method takes neither.
     */
    private Optional<ClientKeys> registeredKeys(ClientType type, RegisterClientRequest body) {
        Optional<ClientKeys> keys = keys(body.jwks(), body.jwksUri());
        String method = Optional.ofNullable(body.tokenEndpointAuthMethod()).orElse(keys.isPresent()
                ? PRIVATE_KEY_JWT : type == ClientType.PUBLIC ? "none" : "client_secret_basic");
        switch (method) {
            case PRIVATE_KEY_JWT -> {
                if (keys.isEmpty()) {
                    throw new InvalidValueException("jwks", "or jwksUri is required for private_key_jwt");
                }
                if (type == ClientType.PUBLIC) {
                    throw new InvalidValueException("tokenEndpointAuthMethod",
                            "private_key_jwt is for confidential clients");
                }
            }
            case "client_secret_basic", "client_secret_post", "none" -> {
                if (keys.isPresent()) {
                    throw new InvalidValueException("jwks", "and jwksUri are for private_key_jwt only");
                }
                if ((type == ClientType.PUBLIC) != method.equals("none")) {
                    throw new InvalidValueException("tokenEndpointAuthMethod", "none is for public clients, and "
                            + "only for them");
                }
            }
            default -> throw new InvalidValueException("tokenEndpointAuthMethod", "must be one of "
                    + "client_secret_basic, client_secret_post, private_key_jwt, none");
        }
        return keys;
    }

    /** The keys given as a set or as where one is published, never both; checked for registration. */
    private Optional<ClientKeys> keys(@Nullable Map<String, Object> jwks, @Nullable String jwksUri) {
        if (jwks != null && jwksUri != null) {
            throw new InvalidValueException("jwks", "and jwksUri cannot both be given");
        }
        if (jwks != null) {
            return Optional.of(keySets.registrable(jwks));
        }
        if (jwksUri != null) {
            ClientKeys.Published published = ClientKeys.Published.parse(jwksUri);
            Optional<String> refusal = keySets.refusal(published);
            if (refusal.isPresent()) {
                throw new InvalidValueException("jwksUri", "is refused: " + refusal.get());
            }
            return Optional.of(published);
        }
        return Optional.empty();
    }

    private static Set<GrantType> grantTypes(List<String> names) {
        Set<GrantType> types = EnumSet.noneOf(GrantType.class);
        for (String name : names) {
            types.add(GrantType.fromWireName(name).orElseThrow(() -> new InvalidValueException("grantTypes",
                    "has an unknown grant type; known: " + Arrays.stream(GrantType.values()).map(GrantType::wireName)
                            .collect(Collectors.joining(", ")))));
        }
        return types;
    }

    /**
     * @param type                   {@code confidential} (the default) or {@code public}
     * @param grantTypes             absent: authorization_code and refresh_token, and client_credentials for a
     *                               confidential client that lists its scopes
     * @param scopes                 absent: the client does not limit scopes
     * @param redirectUris           where people may be sent back after signing in (authorization code grant)
     * @param pushedRequestsRequired whether its authorization requests must be pushed first (RFC 9126)
     * @param consentSkipped         a first-party client: people are not asked to consent
     * @param tokenEndpointAuthMethod {@code client_secret_basic} (the default; {@code client_secret_post} is the
     *                               same secret), {@code private_key_jwt} (the default where keys are given) or
     *                               {@code none} (a public client)
     * @param jwks                   for {@code private_key_jwt}: the JWK Set of the client's public signing keys
     * @param jwksUri                for {@code private_key_jwt}: the https URL the client publishes its key set at
     * @param dpopBoundAccessTokens  every token request must carry a DPoP proof (RFC 9449 section 5.2)
     */
    @Serdeable
    record RegisterClientRequest(@NotBlank @Size(max = OAuthClient.MAX_NAME_LENGTH) String name,
                                 @Nullable String type,
                                 @Nullable @Size(max = 6) List<@NotNull String> grantTypes,
                                 @Nullable @Size(max = Scopes.MAX_COUNT) List<@NotNull String> scopes,
                                 @Nullable @Size(max = SignInSettings.MAX_REDIRECT_URIS) List<@NotNull String>
                                         redirectUris,
                                 @Nullable Boolean pushedRequestsRequired,
                                 @Nullable Boolean consentSkipped,
                                 @Nullable String tokenEndpointAuthMethod,
                                 @Nullable Map<String, Object> jwks,
                                 @Nullable String jwksUri,
                                 @Nullable Boolean dpopBoundAccessTokens) {
    }

    /**
     * Each field left out stays as it is; at least one is given. {@code jwks} or {@code jwksUri} replaces the keys of
     * a client that signs with them: list the new key beside the old until the client signs only with the new.
     */
    @Serdeable
    record ClientUpdate(@Nullable Boolean enabled,
                        @Nullable @Size(max = SignInSettings.MAX_REDIRECT_URIS) List<@NotNull String> redirectUris,
                        @Nullable Boolean pushedRequestsRequired,
                        @Nullable Boolean consentSkipped,
                        @Nullable Map<String, Object> jwks,
                        @Nullable String jwksUri,
                        @Nullable Boolean dpopBoundAccessTokens) {

        boolean changesSignIn() {
            return redirectUris != null || pushedRequestsRequired != null || consentSkipped != null;
        }

        boolean changesKeys() {
            return jwks != null || jwksUri != null || dpopBoundAccessTokens != null;
        }
    }

    /**
     * @param previousSecretValidUntil while a rotated-out secret is still accepted, until when
     * @param tokenEndpointAuthMethod  {@code client_secret_basic} (a secret, in Basic or the body), {@code
     *                                 private_key_jwt} or {@code none}
     */
    @Serdeable
    record ClientInfo(String clientId, String name, String type, List<String> grantTypes,
                      @Nullable List<String> scopes,
                      @JsonInclude(JsonInclude.Include.ALWAYS) List<String> redirectUris,
                      boolean pushedRequestsRequired, boolean consentSkipped, boolean enabled, String createdAt,
                      @Nullable String previousSecretValidUntil, String tokenEndpointAuthMethod,
                      @Nullable Map<String, Object> jwks, @Nullable String jwksUri, boolean dpopBoundAccessTokens) {
        static ClientInfo of(OAuthClient client, Instant now) {
            Optional<ClientKeys> keys = client.keySettings().keys();
            return new ClientInfo(client.id().value(), client.name(), client.type().wireName(),
                    client.grantTypes().stream().sorted().map(GrantType::wireName).toList(),
                    client.scopes().map(scopes -> List.copyOf(scopes.values())).orElse(null),
                    client.signIn().redirectUris().stream().map(RedirectUri::value).toList(),
                    client.signIn().pushedRequestsRequired(), client.signIn().consentSkipped(), client.enabled(),
                    Timestamps.isoMillis(client.createdAt()),
                    client.retiringSecretAt(now).map(retiring -> Timestamps.isoMillis(retiring.until())).orElse(null),
                    client.authenticationMethod(),
                    keys.filter(ClientKeys.Listed.class::isInstance)
                            .map(listed -> ClientKeySets.asJson((ClientKeys.Listed) listed)).orElse(null),
                    keys.filter(ClientKeys.Published.class::isInstance)
                            .map(published -> ((ClientKeys.Published) published).jwksUri().toString()).orElse(null),
                    client.requiresDpop());
        }
    }

    /**
     * @param previousSecretValidForSeconds how long the replaced secret stays accepted, 0 (the default) to 604800
     * @param revokeTokens                  also revoke every token issued to the client (default false)
     */
    @Serdeable
    record SecretRotation(@Nullable Long previousSecretValidForSeconds, @Nullable Boolean revokeTokens) {
    }

    /** The one response that carries a client's new secret. */
    @Serdeable
    record RotatedSecret(String clientId, String clientSecret, @Nullable String previousSecretValidUntil,
                         int revokedTokens) {
        static RotatedSecret of(RotateClientSecretUseCase.Outcome.Rotated rotated) {
            return new RotatedSecret(rotated.client().id().value(), rotated.secret().reveal(),
                    rotated.client().retiringSecret().map(retiring -> Timestamps.isoMillis(retiring.until()))
                            .orElse(null), rotated.revoked());
        }

        @Override
        public String toString() {
            return "RotatedSecret[clientId=" + clientId + ", clientSecret=redacted]";
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ClientList(List<ClientInfo> data) {
    }

    /** The one response that carries a client's secret; a public client, or one that signs with keys, has none. */
    @Serdeable
    record RegisteredClient(String clientId, @Nullable String clientSecret, String name, String type,
                            List<String> grantTypes, @Nullable List<String> scopes,
                            @JsonInclude(JsonInclude.Include.ALWAYS) List<String> redirectUris,
                            boolean pushedRequestsRequired, boolean consentSkipped, boolean enabled,
                            String createdAt, String tokenEndpointAuthMethod, @Nullable Map<String, Object> jwks,
                            @Nullable String jwksUri, boolean dpopBoundAccessTokens) {
        static RegisteredClient of(OAuthClient client, Optional<String> secret, Instant now) {
            ClientInfo info = ClientInfo.of(client, now);
            return new RegisteredClient(info.clientId(), secret.orElse(null), info.name(), info.type(),
                    info.grantTypes(), info.scopes(), info.redirectUris(), info.pushedRequestsRequired(),
                    info.consentSkipped(), info.enabled(), info.createdAt(), info.tokenEndpointAuthMethod(),
                    info.jwks(), info.jwksUri(), info.dpopBoundAccessTokens());
        }

        @Override
        public String toString() {
            return "RegisteredClient[clientId=" + clientId + ", clientSecret=redacted]";
        }
    }
}
