package dev.latchkey.adapter.rest.dialect.sirdata;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.IssuePartnerTokenUseCase;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.PartnerId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
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
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Sirdata's partner token: {@code GET /api/v1/public/auth/partner/{id}/token} with a JSON body {@code login} and
 * {@code password}. Granted only to an account of partner {@code id} whose legal and sales agreements are signed;
 * anything else with well-formed input is 401. The token is then sent bare, as {@code Authorization: <token>}.
 */
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
    private final JsonMapper json;
    private final Lifetime lifetime;
    private final ClientAddresses addresses;

    SirdataController(IssuePartnerTokenUseCase issuePartnerToken, JsonMapper json,
                      @Value("${latchkey.dialects.sirdata.token-lifetime:24h}") Duration lifetime,
                      ClientAddresses addresses) {
        this.addresses = addresses;
        this.issuePartnerToken = issuePartnerToken;
        this.json = json;
        this.lifetime = Lifetime.of(lifetime);
    }

    /** The documented GET carries a body, so it arrives here as a POST (see {@code GetWithBody}). */
    @Post
    @Consumes(MediaType.ALL)
    @SuppressWarnings("unchecked")
    HttpResponse<?> token(HttpRequest<?> request, @PathVariable("id") String id, @Nullable @Body String body) {
        PartnerId partner;
        try {
            partner = PartnerId.of(Long.parseLong(id));
        } catch (NumberFormatException | InvalidValueException notAPartnerId) {
            return SirdataErrors.respond(HttpStatus.BAD_REQUEST, "The partner id must be a positive number.");
        }
        Map<String, Object> fields;
        try {
            Object parsed = body == null || body.isBlank() ? null : json.readValue(body, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                return SirdataErrors.respond(HttpStatus.BAD_REQUEST, "The body must be a JSON object.");
            }
            fields = (Map<String, Object>) map;
        } catch (IOException | RuntimeException notJson) {
            return SirdataErrors.respond(HttpStatus.BAD_REQUEST, "The body must be a JSON object.");
        }
        if (!(fields.get("login") instanceof String login) || login.isEmpty()
                || !(fields.get("password") instanceof String password) || password.isEmpty()) {
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
}
