package dev.latchkey.adapter.rest.dialect.sirdata;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.adapter.rest.dialect.DialectSettings;
import dev.latchkey.wire.StrictJson;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.IssuePartnerTokenUseCase;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.PartnerId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sirdata's partner token: {@code GET /api/v1/public/auth/partner/{id}/token} with a JSON body {@code login} and
 * {@code password}. Granted only to an account of partner {@code id} whose legal and sales agreements are signed;
 * anything else with well-formed input is 401. The token is then sent bare, as {@code Authorization: <token>}.
 */
@Tag(name = "Sirdata",
        description = "Sirdata's partner-scoped tokens, sent raw as the Authorization header. "
                + "No access until the partner's agreements are signed.")
@ApiResponse(responseCode = "401",
        description = "Bad credentials, not a member of the partner, or agreements not signed",
        content = @Content(schema = @Schema(implementation = SirdataErrors.Body.class)))
@ApiResponse(responseCode = "400", description = "The body is not the documented one",
        content = @Content(schema = @Schema(implementation = SirdataErrors.Body.class)))
@Controller(SirdataController.PATH)
@Requires(property = SirdataController.ENABLED, notEquals = "false")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class SirdataController {

    static final String PATH = "/api/v1/public/auth/partner/{id}/token";
    static final String ENABLED = "latchkey.dialects.sirdata.enabled";
    /** RFC 3339 with nanoseconds and a numeric offset, as the platform writes it. */
    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx").withZone(ZoneOffset.UTC);

    private final IssuePartnerTokenUseCase issuePartnerToken;
    private final Lifetime lifetime;
    private final ClientAddresses addresses;

    SirdataController(IssuePartnerTokenUseCase issuePartnerToken,
                      DialectSettings.Sirdata settings,
                      ClientAddresses addresses) {
        this.addresses = addresses;
        this.issuePartnerToken = issuePartnerToken;
        this.lifetime = settings.lifetime();
    }

    /** The documented GET carries a body, so it arrives here as a POST (see {@code GetWithBody}). */
    @Post
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Credentials.class),
                    examples = @ExampleObject(value =
                            "{\"login\":\"partner-user\",\"password\":\"partner-password\"}")))
    @ApiResponse(responseCode = "200", description = "A partner token",
            content = @Content(schema = @Schema(implementation = PartnerToken.class)))
    HttpResponse<?> token(HttpRequest<?> request, @PathVariable("id") String id, @Nullable @Body String body) {
        PartnerId partner;
        try {
            partner = PartnerId.of(Long.parseLong(id));
        } catch (NumberFormatException | InvalidValueException notAPartnerId) {
            return SirdataErrors.respond(HttpStatus.BAD_REQUEST, "The partner id must be a positive number.");
        }
        Credentials credentials;
        try {
            credentials = StrictJson.read(body, Credentials.class);
        } catch (StrictJson.MalformedJson malformed) {
            return SirdataErrors.respond(HttpStatus.BAD_REQUEST, malformed.describe());
        }
        String login = credentials.login();
        String password = credentials.password();
        if (login == null || login.isEmpty() || password == null || password.isEmpty()) {
            return SirdataErrors.respond(HttpStatus.BAD_REQUEST, "login and password are required.");
        }
        IssuePartnerTokenUseCase.Outcome outcome = issuePartnerToken.issue(
                new IssuePartnerTokenUseCase.IssuePartnerTokenCommand(login, password, addresses.of(request),
                        partner, lifetime));
        if (!(outcome instanceof IssuePartnerTokenUseCase.Outcome.Issued issued)) {
            return SirdataErrors.respond(HttpStatus.UNAUTHORIZED, "Unauthorized access.");
        }
        return HttpResponse.ok(new PartnerToken(issued.credential(), partner.value(),
                EXPIRATION.format(issued.token().expiry().instant().orElseThrow())));
    }

    /** A GET without a body has no login to check. */
    @Get
    @ApiResponse(responseCode = "400", description = "Without a body there are no credentials",
            content = @Content(schema = @Schema(implementation = SirdataErrors.Body.class)))
    HttpResponse<?> tokenWithoutBody(@PathVariable("id") String id) {
        return SirdataErrors.respond(HttpStatus.BAD_REQUEST, "login and password are required.");
    }

    @Serdeable
    record PartnerToken(String token, @JsonProperty("partner_id") long partnerId,
                        @JsonProperty("expiration_time") String expirationTime) {
        @Override
        public String toString() {
            return "PartnerToken[token=redacted, partner_id=" + partnerId + "]";
        }
    }

    /** The body the platform documents; nothing else is accepted in it. */
    record Credentials(String login, String password) {
        @Override
        public String toString() {
            return "Credentials[login=" + login + ", password=redacted]";
        }
    }
}
