package dev.latchkey.adapter.rest;

import dev.latchkey.wire.QueryParameters;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase.AdministratorListing;
import dev.latchkey.application.port.in.ListTokensUseCase.AdministratorQuery;
import dev.latchkey.application.port.in.ListTokensUseCase.ListTokensQuery;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/**
 * Tokens across accounts, for administrators: list any account's (or every account's) tokens with the same filters
 * as {@code GET /api/v1/tokens}, revoke one, or revoke all of an account's at once. And the same cut-off for
 * anyone's own account: {@code POST /api/v1/tokens/revoke-all}.
 */
@Tag(name = "Administration", description = "Accounts and partners, for administrators.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "400", description = "A filter or page parameter is invalid",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminTokenController {

    private final ListTokensUseCase listTokens;
    private final RevokeAccountTokensUseCase revocations;
    private final RevokeTokenUseCase revokeToken;

    AdminTokenController(ListTokensUseCase listTokens, RevokeAccountTokensUseCase revocations,
                         RevokeTokenUseCase revokeToken) {
        this.listTokens = listTokens;
        this.revocations = revocations;
        this.revokeToken = revokeToken;
    }

    /** Every account's tokens, newest first, with the same filters as the caller's own listing. */
    @Get("/api/v1/admin/tokens")
    @Secured("ADMIN")
    @ApiResponse(responseCode = "200", description = "Every account's tokens, newest first",
            content = @Content(schema = @Schema(implementation = TokenListResponse.class)))
    @ApiResponse(responseCode = "403", description = "The caller is not an administrator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> everyAccount(HttpRequest<?> request, @Nullable @QueryValue String account,
                                 @Nullable @QueryValue String status, @Nullable @QueryValue String expiringWithin,
                                 @Nullable @QueryValue String unusedFor,
                                 @QueryValue(defaultValue = "0") int page,
                                 @QueryValue(defaultValue = "" + ListTokensQuery.DEFAULT_SIZE) int size,
                                 Authentication authentication) {
        Optional<Username> username = Optional.empty();
        if (account != null && !account.isEmpty()) {
            username = username(account);
            if (username.isEmpty()) {
                return accountNotFound(request);
            }
        }
        return list(request, username, status, expiringWithin, unusedFor, page, size, authentication);
    }

    /** One account's tokens, newest first. */
    @Get("/api/v1/admin/accounts/{username}/tokens")
    @Secured("ADMIN")
    @ApiResponse(responseCode = "200", description = "The account's tokens, newest first",
            content = @Content(schema = @Schema(implementation = TokenListResponse.class)))
    @ApiResponse(responseCode = "403", description = "The caller is not an administrator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No account has this username",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> oneAccount(HttpRequest<?> request, @PathVariable String username,
                               @Nullable @QueryValue String status, @Nullable @QueryValue String expiringWithin,
                               @Nullable @QueryValue String unusedFor, @QueryValue(defaultValue = "0") int page,
                               @QueryValue(defaultValue = "" + ListTokensQuery.DEFAULT_SIZE) int size,
                               Authentication authentication) {
        Optional<Username> name = username(username);
        if (name.isEmpty()) {
            return accountNotFound(request);
        }
        return list(request, name, status, expiringWithin, unusedFor, page, size, authentication);
    }

    /** Revokes one token of an account. */
    @Delete("/api/v1/admin/accounts/{username}/tokens/{tokenId}")
    @Secured("ADMIN")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "403", description = "The caller is not an administrator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "The account has no token with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> revokeOne(HttpRequest<?> request, @PathVariable String username, @PathVariable String tokenId,
                              Authentication authentication) {
        Optional<Username> name = username(username);
        if (name.isEmpty()) {
            return accountNotFound(request);
        }
        Optional<TokenId> id = TokenId.parse(tokenId);
        if (id.isEmpty()) {
            return Problems.response(request, ProblemType.TOKEN_NOT_FOUND, "The account has no token with this id.");
        }
        RevokeAccountTokensUseCase.Outcome outcome = revocations.revoke(AuthenticatedCaller.of(authentication),
                name.get(), id.get());
        if (outcome instanceof RevokeAccountTokensUseCase.Outcome.Revoked) {
            return HttpResponse.noContent();
        }
        if (outcome instanceof RevokeAccountTokensUseCase.Outcome.TokenNotFound) {
            return Problems.response(request, ProblemType.TOKEN_NOT_FOUND, "The account has no token with this id.");
        }
        return accountNotFound(request);
    }

    /** Revokes every token of an account at once: the cut-off for a lost laptop or a leaver. */
    @Post("/api/v1/admin/accounts/{username}/tokens/revoke-all")
    @Secured("ADMIN")
    @ApiResponse(responseCode = "200", description = "How many tokens were still valid and are revoked now",
            content = @Content(schema = @Schema(implementation = Revoked.class)))
    @ApiResponse(responseCode = "403", description = "The caller is not an administrator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No account has this username",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> revokeAccountTokens(HttpRequest<?> request, @PathVariable String username,
                                        Authentication authentication) {
        Optional<Username> name = username(username);
        if (name.isEmpty()) {
            return accountNotFound(request);
        }
        RevokeAccountTokensUseCase.Outcome outcome = revocations.revokeAll(AuthenticatedCaller.of(authentication),
                name.get());
        return outcome instanceof RevokeAccountTokensUseCase.Outcome.Revoked revoked
                ? HttpResponse.ok(new Revoked(revoked.revoked())) : accountNotFound(request);
    }

    /** Revokes every token of the caller's account, the presented one included. */
    @Post("/api/v1/tokens/revoke-all")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @ApiResponse(responseCode = "200",
            description = "How many of the caller's tokens were revoked, the presented one " + "included",
            content = @Content(schema = @Schema(implementation = Revoked.class)))
    Revoked revokeOwnTokens(Authentication authentication) {
        return new Revoked(revokeToken.revokeAllOwn(AuthenticatedCaller.of(authentication)));
    }

    private HttpResponse<?> list(HttpRequest<?> request, Optional<Username> account, String status,
                                 String expiringWithin, String unusedFor, int page, int size,
                                 Authentication authentication) {
        AdministratorListing listing = listTokens.listForAdministrator(new AdministratorQuery(
                AuthenticatedCaller.of(authentication), account, QueryParameters.tokenFilter(status, expiringWithin,
                        unusedFor),
                page, size));
        if (listing instanceof AdministratorListing.Listed listed) {
            return HttpResponse.ok(new TokenListResponse(listed.listing().tokens().stream().map(TokenInfo::of).toList(),
                    listed.listing().page(), listed.listing().size(), listed.listing().totalTokens()));
        }
        return accountNotFound(request);
    }

    private static HttpResponse<?> accountNotFound(HttpRequest<?> request) {
        return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
    }

    private static Optional<Username> username(String text) {
        return Username.parse(text);
    }

    /** How many tokens a cut-off revoked. */
    @Serdeable
    record Revoked(int revoked) {
    }
}
