package dev.latchkey.adapter.rest.dialect.mastersindia;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import java.io.IOException;
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
    private final JsonMapper json;
    private final ClientAddresses addresses;

    MastersIndiaController(@Named("mastersindia") GrantTokensUseCase grants, JsonMapper json,
                           ClientAddresses addresses) {
        this.grants = grants;
        this.addresses = addresses;
        this.json = json;
    }

    @Post(TOKEN_AUTH)
    @Consumes(MediaType.ALL)
    HttpResponse<?> tokenAuth(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<Map<String, Object>> fields = parse(body);
        if (fields.isEmpty()) {
            return HttpResponse.badRequest(Map.of("detail", "JSON parse error"));
        }
        Map<String, List<String>> missing = missing(fields.get(), "username", "password");
        if (!missing.isEmpty()) {
            return HttpResponse.badRequest(missing);
        }
        GrantTokensUseCase.Outcome outcome = grants.grant(new GrantTokensUseCase.PasswordGrant(
                fields.get().get("username").toString(), fields.get().get("password").toString(), addresses.of(request), Optional.empty(),
                Optional.empty()));
        if (outcome instanceof GrantTokensUseCase.Outcome.Granted granted) {
            return HttpResponse.ok(TokenPair.of(granted));
        }
        return HttpResponse.status(REFUSED).body(new Refusal("Unable to login with provided credential"));
    }

    @Post(TOKEN_REFRESH)
    @Consumes(MediaType.ALL)
    HttpResponse<?> refresh(@Nullable @Body String body) {
        Optional<Map<String, Object>> fields = parse(body);
        if (fields.isEmpty()) {
            return HttpResponse.badRequest(Map.of("detail", "JSON parse error"));
        }
        Map<String, List<String>> missing = missing(fields.get(), "token");
        if (!missing.isEmpty()) {
            return HttpResponse.badRequest(missing);
        }
        GrantTokensUseCase.Outcome outcome = grants.grant(new GrantTokensUseCase.RefreshGrant(
                fields.get().get("token").toString(), Optional.empty(), Optional.empty()));
        if (outcome instanceof GrantTokensUseCase.Outcome.Granted granted) {
            return HttpResponse.ok(TokenPair.of(granted));
        }
        if (outcome instanceof GrantTokensUseCase.Outcome.InvalidGrant invalid && invalid.cause() == Cause.EXPIRED) {
            return HttpResponse.badRequest(new Refusal("Refresh token has expired"));
        }
        return HttpResponse.status(REFUSED).body(new Refusal("Invalid refresh token"));
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.of(Map.of());
        }
        try {
            Object parsed = json.readValue(body, Object.class);
            return parsed instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** Django REST framework's field errors, which the platform's clients parse: one list of messages per field. */
    private static Map<String, List<String>> missing(Map<String, Object> fields, String... required) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String name : required) {
            Object value = fields.get(name);
            if (!(value instanceof String text) || text.isEmpty()) {
                errors.put(name, List.of("missing field"));
            }
        }
        return errors;
    }

    @Serdeable
    record TokenPair(String token, @JsonProperty("refresh token") String refreshToken) {
        static TokenPair of(GrantTokensUseCase.Outcome.Granted granted) {
            return new TokenPair(granted.access().credential(), granted.refresh().credential());
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
