package dev.latchkey.adapter.rest.dialect.trifacta;

import dev.latchkey.wire.LifetimeSeconds;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.Timestamps;
import dev.latchkey.wire.StrictJson;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenStatus;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Trifacta's v4 API access tokens, on the same use cases as the native API: create with {@code lifetimeSeconds}
 * ({@code -1} never expires) and {@code description}, list, get, delete. Authenticated with a password (Basic) or an
 * existing token, as Trifacta allows.
 */
@Tag(name = "Trifacta v4",
        description = "Trifacta's API access tokens. lifetimeSeconds -1 never expires; "
                + "tokenValue is accepted as a bearer token everywhere.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(schema = @Schema(implementation = TrifactaErrors.Body.class)))
@Controller(TrifactaController.BASE)
@Requires(property = TrifactaController.ENABLED, notEquals = "false")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class TrifactaController {

    static final String BASE = "/v4/apiAccessTokens";
    static final String ENABLED = "latchkey.dialects.trifacta.enabled";

    private final IssueTokenUseCase issueToken;
    private final ListTokensUseCase listTokens;
    private final InspectTokenUseCase inspectToken;
    private final RevokeTokenUseCase revokeToken;
    private final TrifactaTokenValue tokenValues;

    TrifactaController(IssueTokenUseCase issueToken, ListTokensUseCase listTokens, InspectTokenUseCase inspectToken,
                       RevokeTokenUseCase revokeToken, TrifactaTokenValue tokenValues) {
        this.issueToken = issueToken;
        this.listTokens = listTokens;
        this.inspectToken = inspectToken;
        this.revokeToken = revokeToken;
        this.tokenValues = tokenValues;
    }

    /** Creates an API access token. */
    @Post
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewToken.class),
                    examples = @ExampleObject(value =
                            "{\"lifetimeSeconds\":100,\"description\":\"My 100-second token\"}")))
    @ApiResponse(responseCode = "201", description = "The token value, shown this once, and its info",
            content = @Content(schema = @Schema(implementation = CreatedToken.class)))
    @ApiResponse(responseCode = "400", description = "A lifetime of 0, below -1 or above the maximum",
            content = @Content(schema = @Schema(implementation = TrifactaErrors.Body.class)))
    HttpResponse<?> create(@Nullable @Body String body, Authentication authentication) {
        NewToken fields;
        try {
            fields = StrictJson.read(body == null || body.isBlank() ? "{}" : body, NewToken.class);
        } catch (StrictJson.MalformedJson malformed) {
            return TrifactaErrors.validation(malformed.describe());
        }
        BigDecimal seconds = fields.lifetimeSeconds();
        if (seconds == null) {
            return TrifactaErrors.validation("lifetimeSeconds is required: a number of seconds, or -1 for a token "
                    + "that never expires.");
        }
        String text = fields.description() == null ? "" : fields.description();
        IssueTokenUseCase.Outcome outcome;
        try {
            Lifetime lifetime = LifetimeSeconds.parse("lifetimeSeconds", seconds);
            outcome = issueToken.issue(new IssueTokenUseCase.IssueTokenCommand(AuthenticatedCaller.of(authentication),
                    TokenDescription.of(text), Scopes.none(), Optional.of(lifetime)));
        } catch (InvalidValueException invalid) {
            return TrifactaErrors.validation(invalid.getMessage());
        }
        if (outcome instanceof IssueTokenUseCase.Outcome.Issued issued) {
            String tokenId = issued.token().id().toString();
            return HttpResponse.created(new CreatedToken(tokenValues.wrap(tokenId, issued.credential()),
                    TokenInfo.of(issued.token())));
        }
        String reason = outcome instanceof IssueTokenUseCase.Outcome.PolicyViolated violated
                ? violated.violation().rule().wireName() + ": " + violated.violation().detail()
                : outcome instanceof IssueTokenUseCase.Outcome.DelegationRefused refused ? refused.reason()
                : ((IssueTokenUseCase.Outcome.ScopeNotAllowed) outcome).reason();
        return TrifactaErrors.validation(reason);
    }

    /** A deleted (revoked) token is gone, as on Trifacta; only personal tokens are API access tokens. */
    @Get
    @ApiResponse(responseCode = "200", description = "The caller's tokens",
            content = @Content(schema = @Schema(implementation = TokenList.class)))
    TokenList list(Authentication authentication) {
        return new TokenList(listTokens.listAll(AuthenticatedCaller.of(authentication),
                TokenFilter.unrevokedPersonal()).stream().map(details -> TokenInfo.of(details.token())).toList());
    }

    /** One of the caller's tokens. */
    @Get("/{tokenId}")
    @ApiResponse(responseCode = "200", description = "The token's info",
            content = @Content(schema = @Schema(implementation = TokenInfo.class)))
    @ApiResponse(responseCode = "404", description = "No access token with this id belongs to the caller",
            content = @Content(schema = @Schema(implementation = TrifactaErrors.Body.class)))
    HttpResponse<?> get(@PathVariable String tokenId, Authentication authentication) {
        Optional<TokenId> id = TokenId.parse(tokenId);
        if (id.isEmpty()) {
            return TrifactaErrors.notFound();
        }
        InspectTokenUseCase.Outcome outcome = inspectToken.inspect(
                new InspectTokenUseCase.InspectTokenQuery(AuthenticatedCaller.of(authentication), id.get()));
        return outcome instanceof InspectTokenUseCase.Outcome.Found found
                && !(found.details().status() instanceof TokenStatus.Revoked)
                ? HttpResponse.ok(TokenInfo.of(found.details().token())) : TrifactaErrors.notFound();
    }

    /** Deletes one of the caller's tokens; it stops working at once. */
    @Delete("/{tokenId}")
    @ApiResponse(responseCode = "204", description = "Deleted (revoked)")
    @ApiResponse(responseCode = "404", description = "No access token with this id belongs to the caller",
            content = @Content(schema = @Schema(implementation = TrifactaErrors.Body.class)))
    HttpResponse<?> delete(@PathVariable String tokenId, Authentication authentication) {
        Optional<TokenId> id = TokenId.parse(tokenId);
        if (id.isEmpty()) {
            return TrifactaErrors.notFound();
        }
        RevokeTokenUseCase.Outcome outcome = revokeToken.revoke(new RevokeTokenUseCase.RevokeTokenCommand(
                AuthenticatedCaller.of(authentication), id.get(), RevocationReason.REQUESTED));
        return outcome instanceof RevokeTokenUseCase.Outcome.NotFound
                ? TrifactaErrors.notFound() : HttpResponse.status(HttpStatus.NO_CONTENT);
    }

    @Serdeable
    record CreatedToken(String tokenValue, TokenInfo tokenInfo) {
        @Override
        public String toString() {
            return "CreatedToken[tokenValue=redacted, tokenInfo=" + tokenInfo + "]";
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TokenList(List<TokenInfo> data) {
    }

    /** Trifacta's {@code tokenInfo}: {@code expiredAt} null means never; {@code lastUsed} null means not yet. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TokenInfo(String tokenId, String description, @Nullable String expiredAt, @Nullable String lastUsed,
                     String createdAt) {
        static TokenInfo of(Token token) {
            return new TokenInfo(token.id().toString(), token.description().value(),
                    Timestamps.isoMillis(token.expiry().instant().orElse(null)),
                    Timestamps.isoMillis(token.lastUsedAt().orElse(null)), Timestamps.isoMillis(token.createdAt()));
        }
    }

    /** The body of {@code POST /v4/apiAccessTokens}, as the platform documents it. */
    record NewToken(BigDecimal lifetimeSeconds, String description) {
    }
}
