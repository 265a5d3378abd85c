package dev.latchkey.adapter.rest.dialect.datasentinel;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.adapter.rest.dialect.DialectSettings;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.LifetimeRequest;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenDescription;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Datasentinel's user tokens: {@code POST /ds-api/user-token} with HTTP Basic creates a 24-hour HS256 JWT carrying
 * the account's user, e-mail and organization ("database"); {@code GET /ds-api/user-token?token=} describes one to an
 * account of the same organization. Both are ordinary Latchkey tokens underneath: listed, introspected, revocable.
 */
@Tag(name = "Datasentinel", description = "Datasentinel's user tokens: 24-hour HS256 JWTs from HTTP Basic.")
@ApiResponse(responseCode = "401",
        description = "Bad credentials, or a token that is unknown, expired, revoked or of " + "another organization",
        content = @Content(schema = @Schema(implementation = DatasentinelErrors.Body.class)))
@Controller(DatasentinelController.PATH)
@Requires(property = DatasentinelController.ENABLED, notEquals = "false")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class DatasentinelController {

    static final String PATH = "/ds-api/user-token";
    static final String ENABLED = "latchkey.dialects.datasentinel.enabled";
    private static final DateTimeFormatter EXPIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final IssueTokenUseCase issueToken;
    private final InspectTokenUseCase inspectToken;
    private final Lifetime lifetime;

    DatasentinelController(IssueTokenUseCase issueToken, InspectTokenUseCase inspectToken,
                           DialectSettings.Datasentinel settings) {
        this.issueToken = issueToken;
        this.inspectToken = inspectToken;
        this.lifetime = settings.lifetime();
    }

    /** Creates a user token for the account signed in with HTTP Basic. */
    @Post
    @ApiResponse(responseCode = "201", description = "A new user token",
            content = @Content(schema = @Schema(implementation = UserToken.class)))
    HttpResponse<?> create(Authentication authentication) {
        IssueTokenUseCase.Outcome outcome = issueToken.issue(new IssueTokenUseCase.IssueTokenCommand(
                AuthenticatedCaller.of(authentication), TokenDescription.of("Datasentinel user token"),
                Scopes.none(), LifetimeRequest.fitted(lifetime), IssueTokenUseCase.CredentialFormat.ACCOUNT_JWT, false));
        if (outcome instanceof IssueTokenUseCase.Outcome.Issued issued) {
            return HttpResponse.created(new UserToken(issued.credential()));
        }
        // A token presented as the credential may not issue one outliving it: the platform knows only 401 for that.
        return DatasentinelErrors.unauthorized();
    }

    /** The documentation's table names the parameter {@code user-token}, its example {@code token}: both work. */
    @Get
    @ApiResponse(responseCode = "200", description = "What the token says",
            content = @Content(schema = @Schema(implementation = TokenInfo.class)))
    HttpResponse<?> info(@Nullable @QueryValue("token") String token,
                         @Nullable @QueryValue("user-token") String userToken, Authentication authentication) {
        String presented = token != null ? token : userToken;
        if (presented == null || presented.isBlank()) {
            return DatasentinelErrors.respond(HttpStatus.BAD_REQUEST, "The user-token parameter is required.");
        }
        InspectTokenUseCase.PresentedOutcome outcome = inspectToken.inspectPresented(
                new InspectTokenUseCase.InspectPresentedQuery(AuthenticatedCaller.of(authentication), presented));
        if (!(outcome instanceof InspectTokenUseCase.PresentedOutcome.Found found)) {
            return DatasentinelErrors.unauthorized();
        }
        Account owner = found.owner();
        return HttpResponse.ok(new TokenInfo(owner.email().map(EmailAddress::value).orElse(""),
                found.details().token().expiry().instant().map(EXPIRE_TIME::format).orElse(null),
                owner.organization().map(Organization::name).orElse(""), owner.username().value()));
    }

    @Serdeable
    record UserToken(@JsonProperty("user-token") String userToken) {
        @Override
        public String toString() {
            return "UserToken[redacted]";
        }
    }

    @Serdeable
    record TokenInfo(String email, @JsonProperty("expire_time") String expireTime,
                     @JsonProperty("organization_name") String organizationName, String user) {
    }
}
