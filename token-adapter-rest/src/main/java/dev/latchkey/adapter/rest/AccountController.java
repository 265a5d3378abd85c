package dev.latchkey.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.OwnAccountUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
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
import java.util.Locale;
import java.util.Optional;

/** The caller's own account: what it is, and whether its owner gets mail about its tokens. */
@Tag(name = "Account", description = "The caller's own account, and its token notices.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/account")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountController {

    private final OwnAccountUseCase ownAccount;
    private final JsonBodies bodies;

    AccountController(OwnAccountUseCase ownAccount, JsonBodies bodies) {
        this.ownAccount = ownAccount;
        this.bodies = bodies;
    }

    /** The caller's account: username, role, address, organization, and whether notices are on. */
    @Get
    @ApiResponse(responseCode = "200", description = "The caller's account",
            content = @Content(schema = @Schema(implementation = OwnAccountView.class)))
    HttpResponse<?> view(HttpRequest<?> request, Authentication authentication) {
        return answer(request, ownAccount.view(AuthenticatedCaller.of(authentication)));
    }

    /** Turns the mail about the caller's tokens (expiry, revocation by someone else, leaks) off or on. */
    @Patch
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AccountSettings.class),
            examples = @ExampleObject(value = "{\"notifications\":false}")))
    @ApiResponse(responseCode = "200", description = "The caller's account as changed",
            content = @Content(schema = @Schema(implementation = OwnAccountView.class)))
    @ApiResponse(responseCode = "400", description = "The body does not say whether to send notices",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> change(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        AccountSettings settings = bodies.read(request, json, AccountSettings.class);
        if (settings.notifications() == null) {
            return Problems.response(request, ProblemType.INVALID_REQUEST,
                    "Say whether to send notices about your tokens: {\"notifications\": true} or false.");
        }
        return answer(request, ownAccount.setNotifications(AuthenticatedCaller.of(authentication),
                settings.notifications()));
    }

    private static HttpResponse<?> answer(HttpRequest<?> request, Optional<Account> account) {
        return account.<HttpResponse<?>>map(found -> HttpResponse.ok(OwnAccountView.of(found))).orElseGet(() ->
                Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "Your account no longer exists."));
    }

    /** What a person may set of their own account here. */
    @Serdeable
    record AccountSettings(@Nullable Boolean notifications) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OwnAccountView(String username, String role, @Nullable String email, @Nullable String organization,
                          boolean notifications) {
        static OwnAccountView of(Account account) {
            return new OwnAccountView(account.username().value(), account.role().name().toLowerCase(Locale.ROOT),
                    account.email().map(EmailAddress::value).orElse(null),
                    account.organization().map(Organization::name).orElse(null), account.notifications());
        }
    }
}
