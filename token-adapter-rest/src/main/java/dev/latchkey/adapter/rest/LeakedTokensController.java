package dev.latchkey.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.adapter.rest.security.DialectCredentials;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.domain.Token;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;

/**
 * Leaked secrets: anyone who finds one reports it here and it stops working (GitHub's {@code POST
 * /credentials/revoke}), and an administrator who finds one asks what it is (GitLab's {@code POST
 * /api/v4/admin/token}).
 */
@Tag(name = "Leaked tokens", description = "Report a token secret found where others can read it, so that it stops "
        + "working; or, as an administrator, learn which token a secret is.")
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class LeakedTokensController {

    /** The longest secret read: every Latchkey credential, JWTs included, is far shorter. */
    static final int LONGEST_SECRET = 8_192;

    private final LeakedTokensUseCase leaks;
    private final JsonBodies bodies;
    private final ClientAddresses addresses;
    private final DialectCredentials dialects;

    LeakedTokensController(LeakedTokensUseCase leaks, JsonBodies bodies, ClientAddresses addresses,
                           DialectCredentials dialects) {
        this.leaks = leaks;
        this.bodies = bodies;
        this.addresses = addresses;
        this.dialects = dialects;
    }

    /**
     * Anyone's report: each live token among the credentials is revoked as leaked. The answer is the same whatever
     * they were, so that it tells the caller nothing about them.
     */
    @Post("/api/v1/credentials/revoke")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RevokeCredentialsRequest.class),
            examples = @ExampleObject(value = "{\"credentials\":[\"lk_...\"]}")))
    @ApiResponse(responseCode = "202", description = "Received; the answer says nothing of the credentials",
            content = @Content(schema = @Schema(implementation = Received.class)))
    @ApiResponse(responseCode = "400", description = "Not a list of 1 to 1,000 credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "This address reported too often; Retry-After says when to "
            + "report again", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> revoke(HttpRequest<?> request, @Nullable @Body String json) {
        RevokeCredentialsRequest body = bodies.read(request, json, RevokeCredentialsRequest.class);
        LeakedTokensUseCase.PublicReport report = leaks.reportPublicly(
                body.credentials().stream().map(dialects::unwrap).toList(), addresses.of(request));
        if (report instanceof LeakedTokensUseCase.PublicReport.Limited limited) {
            long seconds = Math.max(1, limited.retryAfter().toSeconds());
            return Problems.response(request, ProblemType.TOO_MANY_REQUESTS, "This address has reported too many "
                    + "times; report again in " + seconds + " seconds.")
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        return HttpResponse.status(HttpStatus.ACCEPTED).body(Received.ANSWER);
    }

    /** An administrator's question: which token is this secret, of any kind, live or not. */
    @Post("/api/v1/admin/tokens/identify")
    @Secured("ADMIN")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = IdentifyRequest.class),
            examples = @ExampleObject(value = "{\"token\":\"lk_...\"}")))
    @ApiResponse(responseCode = "200", description = "The token the secret is",
            content = @Content(schema = @Schema(implementation = IdentifiedToken.class)))
    @ApiResponse(responseCode = "404", description = "No token has this secret",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "The caller is not an administrator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> identify(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        IdentifyRequest body = bodies.read(request, json, IdentifyRequest.class);
        return leaks.identify(AuthenticatedCaller.of(authentication), dialects.unwrap(body.token()))
                .<HttpResponse<?>>map(identified -> HttpResponse.ok(IdentifiedToken.of(identified)))
                .orElseGet(() -> Problems.response(request, ProblemType.TOKEN_NOT_FOUND,
                        "No token has this secret."));
    }

    @Serdeable
    record RevokeCredentialsRequest(
            @NotNull @Size(min = 1, max = LeakedTokensUseCase.MAX_SECRETS_PER_REPORT)
            List<@NotNull @Size(max = LONGEST_SECRET) String> credentials) {
    }

    @Serdeable
    record IdentifyRequest(@NotNull @Size(min = 1, max = LONGEST_SECRET) String token) {
        @Override
        public String toString() {
            return "IdentifyRequest[token=redacted]";
        }
    }

    @Serdeable
    record Received(String message) {
        static final Received ANSWER = new Received("Received. Each credential that was a live Latchkey token no "
                + "longer works.");
    }

    /**
     * The token a secret is, as an administrator sees it.
     *
     * @param clientId         the OAuth client it was issued to, if any
     * @param revocationReason why it was revoked, if it was ({@code leaked}, {@code requested}, …)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record IdentifiedToken(String tokenId, String accountId, String username, String kind, String description,
                           @Nullable String clientId, List<String> scopes, String status, String createdAt,
                           @Nullable String expiresAt, @Nullable String lastUsedAt, @Nullable String revokedAt,
                           @Nullable String revocationReason) {

        static IdentifiedToken of(LeakedTokensUseCase.Identified identified) {
            TokenInfo info = TokenInfo.of(identified.details());
            Token token = identified.details().token();
            return new IdentifiedToken(info.tokenId(), info.accountId(), identified.owner().username().value(),
                    info.kind(), info.description(), token.client().map(client -> client.value()).orElse(null),
                    info.scopes(), info.status(), info.createdAt(), info.expiresAt(), info.lastUsedAt(),
                    info.revokedAt(), token.revocation()
                            .map(revocation -> revocation.reason().name().toLowerCase(Locale.ROOT)).orElse(null));
        }
    }
}
