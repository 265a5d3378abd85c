package dev.latchkey.adapter.rest.dialect.mastersindia;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.wire.StrictJson;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.GrantTokensUseCase.Cause;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
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
import jakarta.inject.Named;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Masters India's token API: a username and password give a 24-hour access token and a refresh token; a refresh
 * gives a new pair and invalidates the old one. Its clients then send {@code Authorization: JWT <token>}. Refusals
 * use the platform's codes: 206 for credentials or refresh tokens that are wrong, used or revoked, 400 for missing
 * fields and expired refresh tokens.
 */
@Tag(name = "Masters India",
        description = "Masters India's 24-hour access token and refresh token, sent as "
                + "Authorization: JWT <token>.")
@ApiResponse(responseCode = "400", description = "The body is not the documented one",
        content = @Content(schema = @Schema(implementation = MastersIndiaErrors.Detail.class)))
@Controller
@Requires(property = MastersIndiaController.ENABLED, notEquals = "false")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class MastersIndiaController {

    static final String ENABLED = "latchkey.dialects.mastersindia.enabled";
    static final String TOKEN_AUTH = "/api/v1/token-auth/";
    static final String TOKEN_REFRESH = "/api/v2/api-token-refresh/";
    /** Status 206, as the platform answers refused credentials. */
    private static final HttpStatus REFUSED = HttpStatus.PARTIAL_CONTENT;

    private final GrantTokensUseCase grants;
    private final ClientAddresses addresses;

    MastersIndiaController(@Named("mastersindia") GrantTokensUseCase grants,
                           ClientAddresses addresses) {
        this.grants = grants;
        this.addresses = addresses;
    }

    /** Signs in: an access token and a refresh token. */
    @Post(TOKEN_AUTH)
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Login.class),
                    examples = @ExampleObject(value = "{\"username\":\"sample_user\",\"password\":\"1234Pass\"}")))
    @ApiResponse(responseCode = "200", description = "An access token and a refresh token",
            content = @Content(schema = @Schema(implementation = TokenPair.class)))
    @ApiResponse(responseCode = "206",
            description = "Unable to login with provided credential (the platform's own status)",
            content = @Content(schema = @Schema(implementation = MastersIndiaErrors.Detail.class)))
    HttpResponse<?> tokenAuth(HttpRequest<?> request, @Nullable @Body String body) {
        Parsed<Login> parsed = parse(body, Login.class);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        GrantTokensUseCase.Outcome outcome = grants.grant(new GrantTokensUseCase.PasswordGrant(
                parsed.body().username(), parsed.body().password(), addresses.of(request), Optional.empty(),
                Optional.empty()));
        if (outcome instanceof GrantTokensUseCase.Outcome.Granted granted) {
            return HttpResponse.ok(TokenPair.of(granted));
        }
        return HttpResponse.status(REFUSED).body(new Refusal("Unable to login with provided credential"));
    }

    /** Exchanges a refresh token for a new pair. */
    @Post(TOKEN_REFRESH)
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Refresh.class),
                    examples = @ExampleObject(value = "{\"token\":\"<refresh token>\"}")))
    @ApiResponse(responseCode = "200", description = "A new pair; the previous tokens stop working",
            content = @Content(schema = @Schema(implementation = TokenPair.class)))
    @ApiResponse(responseCode = "401", description = "The refresh token is unknown, spent, expired or revoked",
            content = @Content(schema = @Schema(implementation = MastersIndiaErrors.Detail.class)))
    HttpResponse<?> refresh(@Nullable @Body String body) {
        Parsed<Refresh> parsed = parse(body, Refresh.class);
        if (parsed.refusal() != null) {
            return parsed.refusal();
        }
        GrantTokensUseCase.Outcome outcome = grants.grant(new GrantTokensUseCase.RefreshGrant(
                parsed.body().token(), Optional.empty(), Optional.empty()));
        if (outcome instanceof GrantTokensUseCase.Outcome.Granted granted) {
            return HttpResponse.ok(TokenPair.of(granted));
        }
        if (outcome instanceof GrantTokensUseCase.Outcome.InvalidGrant invalid && invalid.cause() == Cause.EXPIRED) {
            return HttpResponse.badRequest(new Refusal("Refresh token has expired"));
        }
        return HttpResponse.status(REFUSED).body(new Refusal("Invalid refresh token"));
    }

    /**
     * The body as its record, or the platform's answer to a body it cannot take: {@code {"detail": ...}} for one that
     * is not a single JSON object, and Django REST framework's field errors, one list of messages per field, which the
     * platform's clients parse: for a field that is unknown or not a string, and for every field that is missing.
     */
    static <T extends Record> Parsed<T> parse(String body, Class<T> type) {
        T parsed;
        try {
            parsed = StrictJson.read(body == null || body.isBlank() ? "{}" : body, type);
        } catch (StrictJson.MalformedJson malformed) {
            return new Parsed<>(null, malformed.field().isEmpty()
                    ? HttpResponse.badRequest(Map.of("detail", "JSON parse error - " + malformed.describe()))
                    : HttpResponse.badRequest(Map.of(malformed.field(), List.of(
                            malformed.getMessage().equals("must be a string")
                                    ? "Not a valid string." : malformed.getMessage()))));
        }
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(parsed);
            } catch (ReflectiveOperationException impossible) {
                throw new IllegalStateException("a record's accessor is always callable", impossible);
            }
            if (value == null || "".equals(value)) {
                missing.put(component.getName(), List.of("missing field"));
            }
        }
        return new Parsed<>(parsed, missing.isEmpty() ? null : HttpResponse.badRequest(missing));
    }

    /** @param refusal the answer to give instead, when the body is not acceptable; null when it is */
    record Parsed<T>(T body, HttpResponse<?> refusal) {
    }

    /** {@code POST /api/v1/token-auth/}'s body. */
    @Serdeable
    record Login(@Nullable String username, @Nullable String password) {
        @Override
        public String toString() {
            return "Login[username=" + username + ", password=redacted]";
        }
    }

    /** {@code POST /api/v1/token-refresh/}'s body. */
    @Serdeable
    record Refresh(@Nullable String token) {
        @Override
        public String toString() {
            return "Refresh[token=redacted]";
        }
    }

    @Serdeable
    record TokenPair(String token, @JsonProperty("refresh token") String refreshToken) {
        static TokenPair of(GrantTokensUseCase.Outcome.Granted granted) {
            return new TokenPair(granted.access().credential(), granted.refresh().orElseThrow().credential());
        }

        @Override
        public String toString() {
            return "TokenPair[redacted]";
        }
    }

    @Serdeable
    record Refusal(String error) {
    }
}
