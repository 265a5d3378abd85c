package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.console.ConsoleAccess.SignedIn;
import dev.latchkey.adapter.rest.console.ConsolePage.Notice;
import dev.latchkey.application.port.in.AdministerAccountsUseCase;
import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The administrators' console pages: accounts (disabling one revokes its tokens), partners (signing their
 * agreements), clients and the audit trail. Whether the caller may see them is the use cases' decision, as in the
 * API; these pages only hide their links from everyone else.
 */
@Hidden
@Controller("/console/admin")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleAdminController {

    private static final int PAGE_SIZE = 100;
    private static final Map<String, String> DONE_MESSAGES = Map.of(
            "disabled", "The account is disabled, and its tokens are revoked.",
            "enabled", "The account is enabled again. Its old tokens stay revoked.",
            "signed", "The partner's agreements are signed; its members' partner tokens work now.");

    private final ConsoleAccess access;
    private final AdministerAccountsUseCase accounts;
    private final AdministerPartnersUseCase partners;
    private final AdministerClientsUseCase clients;
    private final ReadAuditTrailUseCase auditTrail;

    ConsoleAdminController(ConsoleAccess access, AdministerAccountsUseCase accounts, AdministerPartnersUseCase partners,
                           AdministerClientsUseCase clients, ReadAuditTrailUseCase auditTrail) {
        this.access = access;
        this.accounts = accounts;
        this.partners = partners;
        this.clients = clients;
        this.auditTrail = auditTrail;
    }

    @Get("/accounts")
    MutableHttpResponse<?> accounts(HttpRequest<?> request, @Nullable @QueryValue String done) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        AdministerAccountsUseCase.Outcome outcome = accounts.list(new AdministerAccountsUseCase.ListAccountsQuery(
                signed.get().caller(), AccountFilter.none(), 0, PAGE_SIZE));
        if (!(outcome instanceof AdministerAccountsUseCase.Outcome.Listed listed)) {
            return forbidden(signed.get());
        }
        StringBuilder rows = new StringBuilder();
        for (Account account : listed.accounts()) {
            String username = account.username().value();
            String action;
            if (account.id().equals(signed.get().caller().accountId())) {
                action = "<span class=\"muted\">you</span>";
            } else if (account.enabled()) {
                action = "<a class=\"danger\" href=\"/console/admin/accounts/" + path(username)
                        + "/disable\">Disable</a>";
            } else {
                action = "<form method=\"post\" action=\"/console/admin/accounts/" + path(username) + "/enable\">"
                        + ConsolePage.csrfField(signed.get().csrfToken())
                        + "<button type=\"submit\" class=\"secondary\">Enable</button></form>";
            }
            rows.append("<tr><td>").append(Html.text(username)).append("</td><td>")
                    .append(account.role() == Role.ADMIN ? "administrator" : "user").append("</td><td>")
                    .append(account.organization().map(organization -> Html.text(organization.name())).orElse(""))
                    .append("</td><td>").append(account.partner().map(PartnerId::toString).orElse(""))
                    .append("</td><td>").append(account.enabled() ? "enabled"
                            : "<span class=\"status revoked\">disabled</span>")
                    .append("</td><td>").append(ConsoleController.time(account.createdAt()))
                    .append("</td><td class=\"actions\">").append(action).append("</td></tr>");
        }
        String content = "<table><caption>" + listed.total() + " accounts" + (listed.total() > PAGE_SIZE
                ? ", the first " + PAGE_SIZE + " shown (the API lists them all)" : "") + "</caption><thead><tr>"
                + "<th scope=\"col\">Username</th><th scope=\"col\">Role</th><th scope=\"col\">Organization</th>"
                + "<th scope=\"col\">Partner</th><th scope=\"col\">State</th><th scope=\"col\">Created</th>"
                + "<th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th></tr></thead><tbody>"
                + rows + "</tbody></table>";
        return ConsoleAccess.page(HttpStatus.OK, ConsolePage.of("Accounts", signed.get().caller(),
                signed.get().csrfToken(), notice(done), content));
    }

    @Get("/accounts/{username}/disable")
    MutableHttpResponse<?> confirmDisable(HttpRequest<?> request, @PathVariable String username) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        Optional<Username> name = parse(username);
        AdministerAccountsUseCase.Outcome found = name.map(valid -> accounts.find(signed.get().caller(), valid))
                .orElseGet(AdministerAccountsUseCase.Outcome.NotFound::new);
        if (found instanceof AdministerAccountsUseCase.Outcome.NotAllowed) {
            return forbidden(signed.get());
        }
        if (!(found instanceof AdministerAccountsUseCase.Outcome.Done done)) {
            return accountNotFound(signed.get());
        }
        String content = "<p>Disable <strong>" + Html.text(done.account().username().value()) + "</strong>? "
                + "They can no longer sign in, and every token they hold is revoked for good: enabling the account "
                + "again does not bring the tokens back.</p>"
                + "<form method=\"post\" action=\"/console/admin/accounts/" + path(done.account().username().value())
                + "/disable\">" + ConsolePage.csrfField(signed.get().csrfToken())
                + "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Disable account</button> "
                + "<a href=\"/console/admin/accounts\">Cancel</a></div></form>";
        return ConsoleAccess.page(HttpStatus.OK, ConsolePage.of("Disable an account", signed.get().caller(),
                signed.get().csrfToken(), Optional.empty(), content));
    }

    @Post("/accounts/{username}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> disable(HttpRequest<?> request, @PathVariable String username, @Nullable @Body String body) {
        return setEnabled(request, username, body, false);
    }

    @Post("/accounts/{username}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> enable(HttpRequest<?> request, @PathVariable String username, @Nullable @Body String body) {
        return setEnabled(request, username, body, true);
    }

    private MutableHttpResponse<?> setEnabled(HttpRequest<?> request, String username, String body, boolean enabled) {
        ConsoleAccess.Post post = access.post(request, body);
        if (post instanceof ConsoleAccess.Post.Refused refused) {
            return refused.response();
        }
        SignedIn signed = ((ConsoleAccess.Post.Accepted) post).signed();
        Optional<Username> name = parse(username);
        if (name.isEmpty()) {
            return accountNotFound(signed);
        }
        AdministerAccountsUseCase.Outcome outcome = accounts.update(new AdministerAccountsUseCase.UpdateAccountCommand(
                signed.caller(), name.get(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(enabled)));
        if (outcome instanceof AdministerAccountsUseCase.Outcome.Done) {
            // Disabling ended the account's sessions in the same use case.
            return ConsoleAccess.seeOther("/console/admin/accounts?done=" + (enabled ? "enabled" : "disabled"));
        }
        if (outcome instanceof AdministerAccountsUseCase.Outcome.NotAllowed) {
            return forbidden(signed);
        }
        if (outcome instanceof AdministerAccountsUseCase.Outcome.Refused refused) {
            return ConsoleAccess.page(HttpStatus.CONFLICT, ConsolePage.of("Accounts", signed.caller(),
                    signed.csrfToken(), Optional.of(Notice.error(refused.reason())),
                    "<p><a href=\"/console/admin/accounts\">Back to the accounts</a></p>"));
        }
        return accountNotFound(signed);
    }

    @Get("/partners")
    MutableHttpResponse<?> partners(HttpRequest<?> request, @Nullable @QueryValue String done) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        if (!(partners.list(signed.get().caller()) instanceof AdministerPartnersUseCase.Outcome.Listed listed)) {
            return forbidden(signed.get());
        }
        StringBuilder rows = new StringBuilder();
        for (Partner partner : listed.partners()) {
            String action = partner.agreementsSigned() ? "" : "<form method=\"post\" action=\"/console/admin/partners/"
                    + partner.id().value() + "/sign\">" + ConsolePage.csrfField(signed.get().csrfToken())
                    + "<button type=\"submit\">Sign agreements</button></form>";
            rows.append("<tr><td>").append(partner.id().value()).append("</td><td>").append(Html.text(partner.name()))
                    .append("</td><td>").append(partner.agreementsSigned() ? "signed"
                            : "<span class=\"flag warning\">not signed</span>")
                    .append("</td><td class=\"actions\">").append(action).append("</td></tr>");
        }
        String content = listed.partners().isEmpty() ? "<p class=\"empty\">No partners yet.</p>"
                : "<table><caption>" + listed.partners().size() + " partners</caption><thead><tr>"
                + "<th scope=\"col\">Id</th><th scope=\"col\">Name</th><th scope=\"col\">Agreements</th>"
                + "<th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th></tr></thead><tbody>" + rows
                + "</tbody></table>";
        return ConsoleAccess.page(HttpStatus.OK, ConsolePage.of("Partners", signed.get().caller(),
                signed.get().csrfToken(), notice(done), content));
    }

    @Post("/partners/{id}/sign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> sign(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        ConsoleAccess.Post post = access.post(request, body);
        if (post instanceof ConsoleAccess.Post.Refused refused) {
            return refused.response();
        }
        SignedIn signed = ((ConsoleAccess.Post.Accepted) post).signed();
        Optional<PartnerId> partner = partnerId(id);
        AdministerPartnersUseCase.Outcome outcome = partner.map(valid -> partners.update(
                        new AdministerPartnersUseCase.UpdatePartnerCommand(signed.caller(), valid,
                                Optional.empty(), Optional.of(true))))
                .orElseGet(AdministerPartnersUseCase.Outcome.NotFound::new);
        if (outcome instanceof AdministerPartnersUseCase.Outcome.Done) {
            return ConsoleAccess.seeOther("/console/admin/partners?done=signed");
        }
        if (outcome instanceof AdministerPartnersUseCase.Outcome.NotAllowed) {
            return forbidden(signed);
        }
        return ConsoleAccess.page(HttpStatus.NOT_FOUND, ConsolePage.of("No such partner", signed.caller(),
                signed.csrfToken(), Optional.empty(),
                "<p><a href=\"/console/admin/partners\">Back to the partners</a></p>"));
    }

    @Get("/clients")
    MutableHttpResponse<?> clients(HttpRequest<?> request) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        Optional<List<OAuthClient>> listed = clients.list(signed.get().caller());
        if (listed.isEmpty()) {
            return forbidden(signed.get());
        }
        StringBuilder rows = new StringBuilder();
        for (OAuthClient client : listed.get()) {
            rows.append("<tr><td>").append(Html.text(client.name())).append("</td><td><code>")
                    .append(client.id().value()).append("</code></td><td>").append(client.type().wireName())
                    .append("</td><td>").append(client.grantTypes().stream().map(GrantType::wireName).sorted()
                            .map(Html::text).collect(Collectors.joining(", ")))
                    .append("</td><td>").append(client.enabled() ? "enabled"
                            : "<span class=\"status revoked\">disabled</span>")
                    .append("</td><td>").append(ConsoleController.time(client.createdAt())).append("</td></tr>");
        }
        String content = (listed.get().isEmpty() ? "<p class=\"empty\">No clients are registered.</p>"
                : "<table><caption>" + listed.get().size() + " clients</caption><thead><tr>"
                + "<th scope=\"col\">Name</th><th scope=\"col\">Client id</th><th scope=\"col\">Type</th>"
                + "<th scope=\"col\">Grants</th><th scope=\"col\">State</th><th scope=\"col\">Registered</th>"
                + "</tr></thead><tbody>" + rows + "</tbody></table>")
                + "<p class=\"hint\">Clients are registered and changed through the API (<code>/api/v1/clients</code>"
                + "), which shows a confidential client's secret once.</p>";
        return ConsoleAccess.page(HttpStatus.OK, ConsolePage.of("Clients", signed.get().caller(),
                signed.get().csrfToken(), Optional.empty(), content));
    }

    @Get("/audit")
    MutableHttpResponse<?> audit(HttpRequest<?> request, @Nullable @QueryValue String account) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        String wanted = account == null ? "" : account.strip();
        Optional<AccountId> accountId = Optional.empty();
        if (!wanted.isEmpty()) {
            AdministerAccountsUseCase.Outcome found = parse(wanted)
                    .map(valid -> accounts.find(signed.get().caller(), valid))
                    .orElseGet(AdministerAccountsUseCase.Outcome.NotFound::new);
            if (found instanceof AdministerAccountsUseCase.Outcome.NotAllowed) {
                return forbidden(signed.get());
            }
            if (!(found instanceof AdministerAccountsUseCase.Outcome.Done done)) {
                return auditPage(signed.get(), wanted, Optional.of(Notice.error("No account has that username.")),
                        List.of(), 0);
            }
            accountId = Optional.of(done.account().id());
        }
        ReadAuditTrailUseCase.Outcome outcome = auditTrail.read(new ReadAuditTrailUseCase.AuditQuery(
                signed.get().caller(), accountId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, PAGE_SIZE));
        if (!(outcome instanceof ReadAuditTrailUseCase.Outcome.Page page)) {
            return forbidden(signed.get());
        }
        return auditPage(signed.get(), wanted, Optional.empty(), page.events(), page.totalEvents());
    }

    private static MutableHttpResponse<?> auditPage(SignedIn signed, String account, Optional<Notice> notice,
                                                    List<AuditEvent> events, long total) {
        StringBuilder rows = new StringBuilder();
        for (AuditEvent event : events) {
            rows.append("<tr><td>").append(ConsoleController.time(event.occurredAt())).append("</td><td>")
                    .append(event.type().wireName()).append("</td><td>").append(Html.text(event.actor().asText()))
                    .append("</td><td>").append(event.token().map(id -> "<code>" + id + "</code>").orElse(""))
                    .append("</td><td>").append(Html.text(event.detail())).append("</td><td>").append(event.count())
                    .append("</td></tr>");
        }
        String content = "<form class=\"filter\" method=\"get\" action=\"/console/admin/audit\">"
                + "<label for=\"account\">Account</label><input type=\"text\" id=\"account\" name=\"account\" "
                + "value=\"" + Html.text(account) + "\" placeholder=\"every account\">"
                + "<button type=\"submit\" class=\"secondary\">Show</button></form>"
                + (events.isEmpty() ? "<p class=\"empty\">No events.</p>" : "<table><caption>The newest "
                + events.size() + " of " + total + " events</caption><thead><tr><th scope=\"col\">When</th>"
                + "<th scope=\"col\">Event</th><th scope=\"col\">Actor</th><th scope=\"col\">Token</th>"
                + "<th scope=\"col\">Detail</th><th scope=\"col\">Count</th></tr></thead><tbody>" + rows
                + "</tbody></table>");
        return ConsoleAccess.page(notice.isPresent() ? HttpStatus.NOT_FOUND : HttpStatus.OK,
                ConsolePage.of("Audit trail", signed.caller(), signed.csrfToken(), notice, content));
    }

    private static MutableHttpResponse<?> forbidden(SignedIn signed) {
        return ConsoleAccess.page(HttpStatus.FORBIDDEN, ConsolePage.of("Administrators only", signed.caller(),
                signed.csrfToken(), Optional.empty(), "<p>This page is for administrators.</p>"
                        + "<p><a href=\"/console/tokens\">Back to your tokens</a></p>"));
    }

    private static MutableHttpResponse<?> accountNotFound(SignedIn signed) {
        return ConsoleAccess.page(HttpStatus.NOT_FOUND, ConsolePage.of("No such account", signed.caller(),
                signed.csrfToken(), Optional.empty(),
                "<p><a href=\"/console/admin/accounts\">Back to the accounts</a></p>"));
    }

    private static Optional<Notice> notice(String done) {
        return Optional.ofNullable(done).map(DONE_MESSAGES::get).map(Notice::success);
    }

    private static Optional<Username> parse(String username) {
        try {
            return Optional.of(Username.of(username));
        } catch (InvalidValueException invalid) {
            return Optional.empty();
        }
    }

    private static Optional<PartnerId> partnerId(String id) {
        try {
            return Optional.of(PartnerId.of(Long.parseLong(id)));
        } catch (NumberFormatException | InvalidValueException invalid) {
            return Optional.empty();
        }
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
