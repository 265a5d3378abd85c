package dev.latchkey.adapter.rest.admin;

import dev.latchkey.wire.NullClears;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.adapter.rest.Timestamps;
import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.wire.StrictJson;
import dev.latchkey.adapter.rest.problem.Problem;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.in.ChangeAccountUseCase.ChangeAccountCommand;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.UnlockAccountUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.PasswordPolicy;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts and partners, for administrators only: an account authenticated by password or token whose role is not
 * {@code admin} gets 403.
 */
@Tag(name = "Administration", description = "Accounts and partners, for administrators.")
@ApiResponse(responseCode = "401", description = "No credentials, or ones that were not accepted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "400", description = "A field or parameter is invalid; `errors` names each",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Controller("/api/v1/admin")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController {

    private final CreateAccountUseCase createAccount;
    private final ReadAccountsUseCase readAccounts;
    private final ChangeAccountUseCase changeAccount;
    private final UnlockAccountUseCase unlockAccount;
    private final DeleteAccountUseCase deleteAccount;
    private final AdministerPartnersUseCase partners;
    private final PasswordPolicy passwords;
    private final JsonBodies bodies;

    AdminController(CreateAccountUseCase createAccount, ReadAccountsUseCase readAccounts,
                    ChangeAccountUseCase changeAccount, UnlockAccountUseCase unlockAccount,
                    DeleteAccountUseCase deleteAccount, AdministerPartnersUseCase partners, PasswordPolicy passwords,
                    JsonBodies bodies) {
        this.createAccount = createAccount;
        this.readAccounts = readAccounts;
        this.changeAccount = changeAccount;
        this.unlockAccount = unlockAccount;
        this.deleteAccount = deleteAccount;
        this.partners = partners;
        this.passwords = passwords;
        this.bodies = bodies;
    }

    /** Creates an account. */
    @Post("/accounts")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewAccount.class),
                    examples = @ExampleObject(value = "{\"username\":\"nora\",\"password\":\"nora-long-password\","
                            + "\"organization\":\"Northwind\",\"role\":\"user\"}")))
    @ApiResponse(responseCode = "201", description = "The account (never its password)",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "409", description = "The username is taken, or the partner does not exist",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> createAccount(HttpRequest<?> request, @Nullable @Body String json,
                                  Authentication authentication) {
        NewAccount body = bodies.read(request, json, NewAccount.class);
        if (body.username() == null || body.password() == null) {
            throw new InvalidValueException(body.username() == null ? "username" : "password", "is required");
        }
        CreateAccountUseCase.Outcome outcome = createAccount.create(new CreateAccountCommand(caller(authentication),
                Username.of(body.username()), passwords.accept(body.password()),
                body.role() == null ? Role.USER : role(body.role()),
                Optional.ofNullable(body.email()).map(EmailAddress::of),
                Optional.ofNullable(body.organization()).map(Organization::of),
                Optional.ofNullable(body.partnerId()).map(PartnerId::of)));
        if (outcome instanceof CreateAccountUseCase.Outcome.Created created) {
            return HttpResponse.created(AccountView.of(created.account()));
        }
        if (outcome instanceof CreateAccountUseCase.Outcome.UnknownPartner unknown) {
            return unknownPartner(request, unknown.partner());
        }
        return Problems.response(request, ProblemType.USERNAME_TAKEN, "Another account has this username.");
    }

    /** Reads an account, never its password. */
    @Get("/accounts/{username}")
    @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "404", description = "No account has this username",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> account(HttpRequest<?> request, @PathVariable String username, Authentication authentication) {
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
        }
        return found(request, readAccounts.find(caller(authentication), name.get()));
    }

    /** Changes an account; null clears email, organization or partnerId. Disabling it revokes its tokens for good. */
    @Patch("/accounts/{username}")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = AccountChanges.class),
                            examples = @ExampleObject(value = "{\"enabled\":false}")))
    @ApiResponse(responseCode = "200", description = "The account as changed",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "404", description = "No account has this username",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409",
            description = "The change is refused (the last administrator, a client's service " + "account)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> updateAccount(HttpRequest<?> request, @PathVariable String username, @Nullable @Body String json,
                                  Authentication authentication) {
        AccountChanges body = bodies.read(request, json, AccountChanges.class);
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
        }
        return changed(request, changeAccount.change(new ChangeAccountCommand(caller(authentication), name.get(),
                edits(body, namedIn(json)), Boolean.TRUE.equals(body.revokeTokens()))));
    }

    /**
     * The edits a PATCH asks for, as in a JSON merge patch (RFC 7396): a field present sets its value, an explicit
     * null clears a profile field, and an absent one leaves it as it is.
     */
    private List<AccountEdit> edits(AccountChanges body, Set<String> named) {
        List<AccountEdit> edits = new ArrayList<>();
        if (body.password() != null) {
            edits.add(new AccountEdit.ResetPassword(passwords.accept(body.password())));
        }
        if (body.role() != null) {
            edits.add(new AccountEdit.ChangeRole(role(body.role())));
        }
        if (body.enabled() != null) {
            edits.add(new AccountEdit.SetEnabled(body.enabled()));
        }
        if (named.contains("email")) {
            edits.add(new AccountEdit.SetEmail(Optional.ofNullable(body.email()).map(EmailAddress::of)));
        }
        if (named.contains("organization")) {
            edits.add(new AccountEdit.SetOrganization(Optional.ofNullable(body.organization())
                    .map(Organization::of)));
        }
        if (named.contains("partnerId")) {
            edits.add(new AccountEdit.SetPartner(Optional.ofNullable(body.partnerId()).map(PartnerId::of)));
        }
        return edits;
    }

    /** Lists accounts, oldest first, filtered by organization, role, partner or state. */
    @Get("/accounts")
    @ApiResponse(responseCode = "200", description = "A page of accounts, oldest first",
            content = @Content(schema = @Schema(implementation = AccountList.class)))
    HttpResponse<?> listAccounts(HttpRequest<?> request, @Nullable @QueryValue String organization,
                                 @Nullable @QueryValue String role, @Nullable @QueryValue String partnerId,
                                 @Nullable @QueryValue String enabled, @QueryValue(defaultValue = "0") int page,
                                 @QueryValue(defaultValue = "20") int size, Authentication authentication) {
        AccountFilter filter = new AccountFilter(present(organization).map(Organization::of),
                present(role).map(AdminController::role), present(partnerId).map(AdminController::requiredPartnerId),
                present(enabled).map(AdminController::flag));
        ReadAccountsUseCase.AccountPage listed = readAccounts.list(new ReadAccountsUseCase.ListAccountsQuery(
                caller(authentication), filter, page, size));
        return HttpResponse.ok(new AccountList(listed.accounts().stream().map(AccountView::of).toList(),
                listed.page(), listed.size(), listed.total()));
    }

    /** Deletes an account, after revoking its tokens. */
    @Delete("/accounts/{username}")
    @ApiResponse(responseCode = "204", description = "Deleted, its tokens revoked first")
    @ApiResponse(responseCode = "404", description = "No account has this username",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "Oneself or a client's service account cannot be deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> deleteAccount(HttpRequest<?> request, @PathVariable String username,
                                  Authentication authentication) {
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
        }
        DeleteAccountUseCase.Outcome outcome = deleteAccount.delete(caller(authentication), name.get());
        if (outcome instanceof DeleteAccountUseCase.Outcome.Deleted) {
            return HttpResponse.noContent();
        }
        if (outcome instanceof DeleteAccountUseCase.Outcome.Refused refused) {
            return Problems.response(request, ProblemType.ACCOUNT_NOT_DELETABLE, refused.reason());
        }
        return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
    }

    /** Sets a new password; with {@code "revokeTokens": true}, every token of the account is revoked with it. */
    @Post("/accounts/{username}/password")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PasswordReset.class),
                    examples = @ExampleObject(value = "{\"password\":\"a-new-long-password\",\"revokeTokens\":true}")))
    @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "404", description = "No account has this username",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> resetPassword(HttpRequest<?> request, @PathVariable String username, @Nullable @Body String json,
                                  Authentication authentication) {
        PasswordReset body = bodies.read(request, json, PasswordReset.class);
        if (body.password() == null) {
            throw new InvalidValueException("password", "is required");
        }
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
        }
        return changed(request, changeAccount.change(new ChangeAccountCommand(caller(authentication), name.get(),
                List.of(new AccountEdit.ResetPassword(passwords.accept(body.password()))),
                Boolean.TRUE.equals(body.revokeTokens()))));
    }

    /** Lists partners. */
    @Get("/partners")
    @ApiResponse(responseCode = "200", description = "Every partner",
            content = @Content(schema = @Schema(implementation = PartnerList.class)))
    HttpResponse<?> listPartners(HttpRequest<?> request, Authentication authentication) {
        AdministerPartnersUseCase.Outcome.Listed listed = (AdministerPartnersUseCase.Outcome.Listed)
                partners.list(caller(authentication));
        return HttpResponse.ok(new PartnerList(listed.partners().stream().map(PartnerView::of).toList()));
    }

    /** Ends a lock from failed logins now, rather than when the allowance refills by itself. */
    @Post("/accounts/{username}/unlock")
    @ApiResponse(responseCode = "200", description = "The account, its login allowance refilled",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "404", description = "No account has this username",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> unlockAccount(HttpRequest<?> request, @PathVariable String username,
                                  Authentication authentication) {
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
        }
        return found(request, unlockAccount.unlock(caller(authentication), name.get()));
    }

    /** Registers a partner under the id its tokens name. */
    @Post("/partners")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewPartner.class),
                    examples = @ExampleObject(value =
                            "{\"id\":12345,\"name\":\"Acme Media\",\"agreementsSigned\":false}")))
    @ApiResponse(responseCode = "201", description = "The partner",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @ApiResponse(responseCode = "409", description = "The id is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> createPartner(HttpRequest<?> request, @Nullable @Body String json,
                                  Authentication authentication) {
        NewPartner body = bodies.read(request, json, NewPartner.class);
        if (body.id() == null || body.name() == null) {
            throw new InvalidValueException(body.id() == null ? "id" : "name", "is required");
        }
        PartnerId id;
        try {
            id = PartnerId.of(body.id());
        } catch (InvalidValueException invalid) {
            // Named as the body names it: the domain calls it partnerId, this request calls it id.
            throw new InvalidValueException("id", invalid.reason());
        }
        return partnerResponse(request, partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(
                caller(authentication), id, body.name(),
                Boolean.TRUE.equals(body.agreementsSigned()))), HttpStatus.CREATED);
    }

    /** Renames a partner, or signs or unsigns its agreements. */
    @Patch("/partners/{id}")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = PartnerChanges.class),
                            examples = @ExampleObject(value = "{\"agreementsSigned\":true}")))
    @ApiResponse(responseCode = "200", description = "The partner",
            content = @Content(schema = @Schema(implementation = PartnerView.class)))
    @ApiResponse(responseCode = "404", description = "No partner has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<?> updatePartner(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String json,
                                  Authentication authentication) {
        PartnerChanges body = bodies.read(request, json, PartnerChanges.class);
        Optional<PartnerId> partnerId = partnerId(id);
        if (partnerId.isEmpty()) {
            return Problems.response(request, ProblemType.PARTNER_NOT_FOUND, "No partner has this id.");
        }
        return partnerResponse(request, partners.update(new AdministerPartnersUseCase.UpdatePartnerCommand(
                caller(authentication), partnerId.get(), Optional.ofNullable(body.name()),
                Optional.ofNullable(body.agreementsSigned()))), HttpStatus.OK);
    }

    /** The fields a body names, those set to null included; the body was read once already. */
    private static Set<String> namedIn(String json) {
        try {
            return StrictJson.object(json).keySet();
        } catch (StrictJson.MalformedJson impossible) {
            throw new IllegalStateException("the body was read once already", impossible);
        }
    }

    private static HttpResponse<?> found(HttpRequest<?> request, Optional<Account> account) {
        return account.<HttpResponse<?>>map(found -> HttpResponse.ok(AccountView.of(found)))
                .orElseGet(() -> Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND,
                        "No account has this username."));
    }

    private static HttpResponse<?> changed(HttpRequest<?> request, ChangeAccountUseCase.Outcome outcome) {
        if (outcome instanceof ChangeAccountUseCase.Outcome.Changed changed) {
            return HttpResponse.ok(AccountView.of(changed.account()));
        }
        if (outcome instanceof ChangeAccountUseCase.Outcome.UnknownPartner unknown) {
            return unknownPartner(request, unknown.partner());
        }
        if (outcome instanceof ChangeAccountUseCase.Outcome.Refused refused) {
            return Problems.response(request, ProblemType.ACCOUNT_CHANGE_REFUSED, refused.reason());
        }
        return Problems.response(request, ProblemType.ACCOUNT_NOT_FOUND, "No account has this username.");
    }

    private static HttpResponse<?> unknownPartner(HttpRequest<?> request, PartnerId partner) {
        return Problems.response(request, ProblemType.UNKNOWN_PARTNER,
                "No partner has the id " + partner + "; create it first.");
    }

    private static HttpResponse<?> partnerResponse(HttpRequest<?> request, AdministerPartnersUseCase.Outcome outcome,
                                                   HttpStatus success) {
        if (outcome instanceof AdministerPartnersUseCase.Outcome.Done done) {
            return HttpResponse.status(success).body(PartnerView.of(done.partner()));
        }
        if (outcome instanceof AdministerPartnersUseCase.Outcome.NotFound) {
            return Problems.response(request, ProblemType.PARTNER_NOT_FOUND, "No partner has this id.");
        }
        return Problems.response(request, ProblemType.PARTNER_ID_TAKEN, "Another partner has this id.");
    }

    private static Caller caller(Authentication authentication) {
        return AuthenticatedCaller.of(authentication);
    }

    private static Role role(String name) {
        return Role.parse(name);
    }

    private static Optional<Username> parse(String username) {
        return Username.parse(username);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isEmpty());
    }

    private static PartnerId requiredPartnerId(String id) {
        return partnerId(id).orElseThrow(() -> new InvalidValueException("partnerId", "must be a partner id"));
    }

    private static boolean flag(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidValueException("enabled", "must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static Optional<PartnerId> partnerId(String id) {
        try {
            return Optional.of(PartnerId.of(Long.parseLong(id)));
        } catch (NumberFormatException | InvalidValueException malformed) {
            return Optional.empty();
        }
    }

    @Serdeable
    record NewAccount(@Nullable String username, @Nullable String password, @Nullable String email,
                      @Nullable String organization, @Nullable String role, @Nullable Long partnerId) {
        @Override
        public String toString() {
            return "NewAccount[username=" + username + ", password=redacted]";
        }
    }

    @Serdeable
    record AccountChanges(@Nullable String password, @Nullable @NullClears String email,
                          @Nullable @NullClears String organization, @Nullable String role,
                          @Nullable @NullClears Long partnerId, @Nullable Boolean enabled,
                          @Nullable Boolean revokeTokens) {
        @Override
        public String toString() {
            return "AccountChanges[password=" + (password == null ? "unchanged" : "redacted") + "]";
        }
    }

    @Serdeable
    record PasswordReset(@Nullable String password, @Nullable Boolean revokeTokens) {
        @Override
        public String toString() {
            return "PasswordReset[password=redacted, revokeTokens=" + revokeTokens + "]";
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AccountList(List<AccountView> data, int page, int size, long total) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PartnerList(List<PartnerView> data) {
    }

    @Serdeable
    record NewPartner(@Nullable Long id, @Nullable String name, @Nullable Boolean agreementsSigned) {
    }

    @Serdeable
    record PartnerChanges(@Nullable String name, @Nullable Boolean agreementsSigned) {
    }

    /** An account as administrators see it: never its password or hash. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AccountView(String username, @Nullable String email, @Nullable String organization, String role,
                       @Nullable Long partnerId, boolean enabled, boolean notifications, String createdAt) {
        static AccountView of(Account account) {
            return new AccountView(account.username().value(), account.email().map(EmailAddress::value).orElse(null),
                    account.organization().map(Organization::name).orElse(null),
                    account.role().name().toLowerCase(Locale.ROOT),
                            account.partner().map(PartnerId::value).orElse(null),
                    account.enabled(), account.notifications(), Timestamps.isoMillis(account.createdAt()));
        }
    }

    @Serdeable
    record PartnerView(long id, String name, boolean agreementsSigned, String createdAt) {
        static PartnerView of(Partner partner) {
            return new PartnerView(partner.id().value(), partner.name(), partner.agreementsSigned(),
                    Timestamps.isoMillis(partner.createdAt()));
        }
    }
}
