package dev.latchkey.adapter.rest.dialect.sampletoken;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.adapter.rest.dialect.DialectSettings;
import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.wire.StrictJson;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase.PasswordIssueCommand;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Sample Token API: {@code GET /Token} (or POST) with {@code grant_type=password&username=…&password=…} in the
 * body, answered the way ASP.NET's OAuth server does. Its documented curl labels the form {@code application/json};
 * the body is read by its shape, not its label. Each successful call discards the user's earlier tokens from this
 * endpoint: one active token per user.
 */
@Tag(name = "Sample Token API",
        description = "GET /Token with a grant_type=password form body, as the platform "
                + "documents; each new token discards the user's older ones. A GET with a "
                + "body is routed here as POST.")
@ApiResponse(responseCode = "400", description = "invalid_grant (wrong username or password) or unsupported_grant_type",
        content = @Content(schema = @Schema(implementation = SampleTokenController.Error.class)))
@Controller(SampleTokenController.PATH)
@Requires(property = SampleTokenController.ENABLED, notEquals = "false")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class SampleTokenController {

    static final String PATH = "/Token";
    static final String ENABLED = "latchkey.dialects.sampletoken.enabled";
    /** The mark of this endpoint's tokens, by which a new one supersedes the old. */
    static final TokenDescription DESCRIPTION = TokenDescription.of("Sample Token API access token");
    /** HTTP's fixed date form, two-digit day included: {@code Sun, 13 Sep 2020 09:35:33 GMT}. */
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
                    java.util.Locale.US).withZone(ZoneOffset.UTC);

    private final IssueTokenWithPasswordUseCase issueToken;
    private final DialectSettings.SampleToken settings;
    private final ClientAddresses addresses;

    SampleTokenController(IssueTokenWithPasswordUseCase issueToken, DialectSettings.SampleToken settings,
                          ClientAddresses addresses) {
        this.addresses = addresses;
        this.issueToken = issueToken;
        this.settings = settings;
    }

    /** A GET whose body was announced arrives here as a POST (see {@code GetWithBody}). */
    @Post
    @Consumes(MediaType.ALL)
    @RequestBody(required = true,
            content = @Content(mediaType = "application/x-www-form-urlencoded",
                    schema = @Schema(implementation = JsonForm.class),
                            examples = @ExampleObject(value =
                                    "grant_type=password&username=username&password=password")))
    @ApiResponse(responseCode = "200", description = "A bearer token for 14 days",
            content = @Content(schema = @Schema(implementation = Response.class)))
    HttpResponse<?> token(HttpRequest<?> request, @Nullable @Body String body) {
        Map<String, String> fields;
        try {
            fields = fields(body);
        } catch (UnreadableRequest unreadable) {
            return HttpResponse.badRequest(new Error("invalid_request", unreadable.getMessage()));
        }
        if (!"password".equals(fields.get("grant_type"))) {
            return HttpResponse.badRequest(new Error("unsupported_grant_type", null));
        }
        IssueTokenWithPasswordUseCase.Outcome outcome = issueToken.issue(new PasswordIssueCommand(
                fields.getOrDefault("username", ""), fields.getOrDefault("password", ""), addresses.of(request),
                DESCRIPTION, settings.lifetime(), true));
        if (outcome instanceof IssueTokenWithPasswordUseCase.Outcome.Issued issued) {
            return HttpResponse.ok(Response.of(issued.token(), issued.credential(), issued.caller()));
        }
        if (outcome instanceof IssueTokenWithPasswordUseCase.Outcome.IssueRefused refused) {
            return HttpResponse.badRequest(new Error("invalid_grant",
                    refused.refusal() instanceof IssueTokenUseCase.Outcome.PolicyViolated violated
                            ? violated.violation().rule().wireName() + ": " + violated.violation().detail()
                            : "The token cannot be issued to this account."));
        }
        return HttpResponse.badRequest(new Error("invalid_grant", "The user name or password is incorrect."));
    }

    /** Without a body there is no grant type. */
    @Get
    @ApiResponse(responseCode = "400", description = "Without a body there is no grant type",
            content = @Content(schema = @Schema(implementation = Error.class)))
    HttpResponse<?> tokenWithoutBody() {
        return HttpResponse.badRequest(new Error("unsupported_grant_type", null));
    }

    /** The form as documented, or the same fields as a JSON object, whatever the Content-Type says. */
    static Map<String, String> fields(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.isBlank()) {
            return fields;
        }
        if (body.stripLeading().startsWith("{")) {
            JsonForm form;
            try {
                form = StrictJson.read(body, JsonForm.class);
            } catch (StrictJson.MalformedJson malformed) {
                throw new UnreadableRequest(malformed.describe());
            }
            putPresent(fields, "grant_type", form.grant_type());
            putPresent(fields, "username", form.username());
            putPresent(fields, "password", form.password());
            return fields;
        }
        FormParameters.Parsed parsed = FormParameters.parse(body);
        if (parsed instanceof FormParameters.Parsed.Malformed malformed) {
            throw new UnreadableRequest("The form is malformed: " + malformed.reason());
        }
        FormParameters form = ((FormParameters.Parsed.Form) parsed).parameters();
        Optional<String> unknown = form.names().stream().filter(name -> !FIELDS.contains(name)).sorted()
                .findFirst();
        if (unknown.isPresent()) {
            throw new UnreadableRequest(StrictJson.shown(unknown.get()) + " is not a parameter of this request");
        }
        for (String field : FIELDS) {
            form.get(field).ifPresent(value -> fields.put(field, value));
        }
        return fields;
    }

    private static void putPresent(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    /** The form's fields sent as a JSON object, as the platform's documented curl does; named as on the wire. */
    @Serdeable
    record JsonForm(@Nullable String grant_type, @Nullable String username, @Nullable String password) {
        @Override
        public String toString() {
            return "JsonForm[grant_type=" + grant_type + ", username=" + username + ", password=redacted]";
        }
    }

    /** The parameters the platform's token request has. */
    private static final Set<String> FIELDS = Set.of("grant_type", "username", "password");

    /** A body this endpoint cannot take; the message names the parameter and never quotes a value. */
    static final class UnreadableRequest extends RuntimeException {
        UnreadableRequest(String reason) {
            super(reason, null, false, false);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String error, @Nullable @JsonProperty("error_description") String errorDescription) {
    }

    @Serdeable
    record Response(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                    @JsonProperty("expires_in") long expiresIn, String userName, String userId, String role,
                    @JsonProperty(".issued") String issued, @JsonProperty(".expires") String expires) {

        static Response of(Token token, String credential, Caller caller) {
            java.time.Instant expiry = token.expiry().instant().orElseThrow();
            return new Response(credential, "bearer", Duration.between(token.createdAt(), expiry).getSeconds(),
                    caller.username().value(), caller.accountId().toString(),
                    caller.isAdministrator() ? "Administrator" : "User",
                    RFC_1123.format(token.createdAt()), RFC_1123.format(expiry));
        }

        @Override
        public String toString() {
            return "Response[access_token=redacted, userName=" + userName + "]";
        }
    }
}
