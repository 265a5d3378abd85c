package dev.latchkey.adapter.rest;

import dev.latchkey.wire.QueryParameters;
import dev.latchkey.wire.LifetimeSeconds;
import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.InspectTokenUseCase.InspectTokenQuery;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase.IssueTokenCommand;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase.ListTokensQuery;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase.RevokeTokenCommand;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase.RotateTokenCommand;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The native token API: issue, list, inspect and revoke the caller's own tokens. */
@Tag(name = "Tokens", description = "The caller's own tokens: issue, list, inspect, rotate and revoke. Authenticate "
        + "with HTTP Basic (the account's password) or a bearer token issued here.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "400", description = "A field or parameter is invalid; `errors` names each",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/tokens")
@Secured(SecurityRule.IS_AUTHENTICATED)
class TokenController {

    private final IssueTokenUseCase issueToken;
    private final ListTokensUseCase listTokens;
    private final InspectTokenUseCase inspectToken;
    private final RevokeTokenUseCase revokeToken;
    private final RotateTokenUseCase rotateToken;
    private final MemoryFirst memoryFirst;
    private final JsonBodies bodies;

    TokenController(IssueTokenUseCase issueToken, ListTokensUseCase listTokens, InspectTokenUseCase inspectToken,
                    RevokeTokenUseCase revokeToken, RotateTokenUseCase rotateToken, MemoryFirst memoryFirst,
                    JsonBodies bodies) {
        this.bodies = bodies;
        this.issueToken = issueToken;
        this.listTokens = listTokens;
        this.inspectToken = inspectToken;
        this.revokeToken = revokeToken;
        this.rotateToken = rotateToken;
        this.memoryFirst = memoryFirst;
    }

    /** Issues a token to the caller; its secret is in this response only. */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post
    @RequestBody(required = false, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = IssueTokenRequest.class), examples = @ExampleObject(
            value = "{\"description\":\"deploy bot\",\"lifetimeSeconds\":3600,\"scopes\":[\"deploy\"]}")))
    @ApiResponse(responseCode = "201", description = "Issued",
            content = @Content(schema = @Schema(implementation = IssuedTokenResponse.class)))
    @ApiResponse(responseCode = "403", description = "A presenting token may not issue this token, or the account may "
            + "not hold a scope", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The issuance policy's maximum of active tokens is reached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> issue(HttpRequest<?> request, @Nullable @Body String body, Authentication authentication) {
        IssueTokenRequest fields = bodies.readOptional(request, body, IssueTokenRequest.class);
        IssueTokenCommand command = new IssueTokenCommand(AuthenticatedCaller.of(authentication),
                fields.description() == null ? TokenDescription.none() : TokenDescription.of(fields.description()),
                fields.scopes() == null ? Scopes.none() : Scopes.of(fields.scopes()),
                Optional.ofNullable(fields.lifetimeSeconds())
                        .map(seconds -> LifetimeSeconds.parse("lifetimeSeconds", seconds)));
        IssueTokenUseCase.Outcome outcome = issueToken.issue(command);
        if (outcome instanceof IssueTokenUseCase.Outcome.PolicyViolated violated) {
            return PolicyProblems.response(request, violated.violation());
        }
        if (outcome instanceof IssueTokenUseCase.Outcome.DelegationRefused refused) {
            return Problems.response(request, ProblemType.DELEGATION_NOT_ALLOWED, refused.reason());
        }
        if (outcome instanceof IssueTokenUseCase.Outcome.ScopeNotAllowed refused) {
            return Problems.response(request, ProblemType.SCOPE_NOT_ALLOWED, refused.reason());
        }
        IssueTokenUseCase.Outcome.Issued issued = (IssueTokenUseCase.Outcome.Issued) outcome;
        TokenInfo info = TokenInfo.of(new TokenDetails(issued.token(), new TokenStatus.Active()));
        return HttpResponse.created(new IssuedTokenResponse(issued.credential(), info),
                URI.create("/api/v1/tokens/" + info.tokenId()));
    }

    /** The caller's tokens, newest first, optionally filtered by status, expiry or staleness. */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get
    TokenListResponse list(@QueryValue(defaultValue = "0") int page,
                           @QueryValue(defaultValue = "" + ListTokensQuery.DEFAULT_SIZE) int size,
                           @Nullable @QueryValue String status, @Nullable @QueryValue String expiringWithin,
                           @Nullable @QueryValue String unusedFor, Authentication authentication) {
        ListTokensUseCase.TokenListing listing = listTokens.list(new ListTokensQuery(
                AuthenticatedCaller.of(authentication), QueryParameters.tokenFilter(status, expiringWithin,
                        unusedFor), page,
                size));
        List<TokenInfo> data = listing.tokens().stream().map(TokenInfo::of).toList();
        return new TokenListResponse(data, listing.page(), listing.size(), listing.totalTokens());
    }

    /**
     * Describes the bearer token the request presents. On the event loop while memory can answer: this is the call
     * clients make to check their token.
     */
    @Get("/self")
    @ApiResponse(responseCode = "200", description = "The presented token",
            content = @Content(schema = @Schema(implementation = TokenInfo.class)))
    CompletionStage<HttpResponse<?>> self(HttpRequest<?> request, Authentication authentication) {
        Caller caller = AuthenticatedCaller.of(authentication);
        if (caller.presentedToken().isEmpty()) {
            return CompletableFuture.completedFuture(Problems.response(request, ProblemType.NO_TOKEN_PRESENTED,
                    "This endpoint describes the bearer token a request presents; this one presented a password."));
        }
        return memoryFirst.call(() -> describe(request, caller, caller.presentedToken().get()));
    }

    /** One of the caller's tokens; another account's, an unknown and a malformed id are all a `404`. */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Get("/{tokenId}")
    @ApiResponse(responseCode = "200", description = "The token",
            content = @Content(schema = @Schema(implementation = TokenInfo.class)))
    @ApiResponse(responseCode = "404", description = "The caller has no token with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> inspect(HttpRequest<?> request, @PathVariable String tokenId, Authentication authentication) {
        Optional<TokenId> id = TokenId.parse(tokenId);
        if (id.isEmpty()) {
            return tokenNotFound(request);
        }
        return describe(request, AuthenticatedCaller.of(authentication), id.get());
    }

    /** Revokes one of the caller's tokens, at once and for good; revoking it again is no error. */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete("/{tokenId}")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "The caller has no token with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String tokenId, Authentication authentication) {
        Optional<TokenId> id = TokenId.parse(tokenId);
        if (id.isEmpty()) {
            return tokenNotFound(request);
        }
        RevokeTokenUseCase.Outcome outcome = revokeToken.revoke(
                new RevokeTokenCommand(AuthenticatedCaller.of(authentication), id.get(), RevocationReason.REQUESTED));
        if (outcome instanceof RevokeTokenUseCase.Outcome.NotFound) {
            return tokenNotFound(request);
        }
        // Revoked now or before: either way the token is revoked, which is what the client asked for.
        return HttpResponse.noContent();
    }

    /**
     * Replaces a token with a new one of the same description, scopes and lifetime; the old one keeps working for
     * {@code overlapSeconds}. With an {@code Idempotency-Key}, a retry answers with the same replacement and secret.
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/{tokenId}/rotate")
    @RequestBody(required = false, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RotateTokenRequest.class),
            examples = @ExampleObject(value = "{\"overlapSeconds\":300}")))
    @ApiResponse(responseCode = "201", description = "The replacement, with its secret, and the rotated token",
            content = @Content(schema = @Schema(implementation = RotatedTokenResponse.class)))
    @ApiResponse(responseCode = "404", description = "The caller has no token with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The token is revoked, expired, already rotated or not personal",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another token or credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> rotate(HttpRequest<?> request, @PathVariable String tokenId,
                           @Nullable @Body String body,
                           @Nullable @Header("Idempotency-Key") String idempotencyKey,
                           Authentication authentication) {
        Optional<TokenId> id = TokenId.parse(tokenId);
        if (id.isEmpty()) {
            return tokenNotFound(request);
        }
        RotateTokenRequest fields = bodies.readOptional(request, body, RotateTokenRequest.class);
        long overlapSeconds = fields.overlapSeconds() == null ? 0 : fields.overlapSeconds();
        RotateTokenUseCase.Outcome outcome = rotateToken.rotate(new RotateTokenCommand(
                AuthenticatedCaller.of(authentication), id.get(), Duration.ofSeconds(overlapSeconds),
                Optional.ofNullable(idempotencyKey).map(IdempotencyKey::of)));
        if (outcome instanceof RotateTokenUseCase.Outcome.NotFound) {
            return tokenNotFound(request);
        }
        if (outcome instanceof RotateTokenUseCase.Outcome.NotRotatable refused) {
            return Problems.response(request, ProblemType.TOKEN_NOT_ROTATABLE, refused.reason());
        }
        if (outcome instanceof RotateTokenUseCase.Outcome.DelegationRefused refused) {
            return Problems.response(request, ProblemType.DELEGATION_NOT_ALLOWED, refused.reason());
        }
        if (outcome instanceof RotateTokenUseCase.Outcome.KeyReused reused) {
            return Problems.response(request, ProblemType.IDEMPOTENCY_KEY_REUSED, reused.reason());
        }
        if (outcome instanceof RotateTokenUseCase.Outcome.PolicyViolated violated) {
            return PolicyProblems.response(request, violated.violation());
        }
        if (outcome instanceof RotateTokenUseCase.Outcome.ScopeNotAllowed refused) {
            return Problems.response(request, ProblemType.SCOPE_NOT_ALLOWED, refused.reason());
        }
        RotateTokenUseCase.Outcome.Rotated rotated = (RotateTokenUseCase.Outcome.Rotated) outcome;
        TokenInfo replacement = TokenInfo.of(new TokenDetails(rotated.replacement().token(), new TokenStatus.Active()));
        return HttpResponse.created(new RotatedTokenResponse(rotated.replacement().credential(), replacement,
                TokenInfo.of(rotated.rotated())), URI.create("/api/v1/tokens/" + replacement.tokenId()));
    }

    private HttpResponse<?> describe(HttpRequest<?> request, Caller caller, TokenId id) {
        InspectTokenUseCase.Outcome outcome = inspectToken.inspect(new InspectTokenQuery(caller, id));
        if (outcome instanceof InspectTokenUseCase.Outcome.Found found) {
            return HttpResponse.ok(TokenInfo.of(found.details()));
        }
        return tokenNotFound(request);
    }

    /** The same answer for a malformed id, an unknown one and another account's: nothing to learn by probing. */
    private static HttpResponse<?> tokenNotFound(HttpRequest<?> request) {
        return Problems.response(request, ProblemType.TOKEN_NOT_FOUND,
                "The caller has no token with this id.");
    }
}
