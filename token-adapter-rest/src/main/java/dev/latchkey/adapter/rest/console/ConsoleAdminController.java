package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.console.ConsoleAccess.SignedIn;
import dev.latchkey.adapter.rest.console.view.AccountsView;
import dev.latchkey.adapter.rest.console.view.AuditView;
import dev.latchkey.adapter.rest.console.view.ClientsView;
import dev.latchkey.adapter.rest.console.view.DisableAccountView;
import dev.latchkey.adapter.rest.console.view.Frame;
import dev.latchkey.adapter.rest.console.view.MessageView;
import dev.latchkey.adapter.rest.console.view.Notice;
import dev.latchkey.adapter.rest.console.view.PartnersView;
import dev.latchkey.adapter.rest.console.view.WebhooksView;
import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AdministerWebhooksUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.in.ChangeAccountUseCase.ChangeAccountCommand;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Organization;
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
import io.micronaut.http.annotation.Error;
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

    /** The newest deliveries the webhooks page shows of each endpoint. */
    private static final int DELIVERIES_SHOWN = 5;
    private final ConsoleAccess access;
    private final ConsoleViews views;
    private final ReadAccountsUseCase readAccounts;
    private final ChangeAccountUseCase changeAccount;
    private final AdministerPartnersUseCase partners;
    private final AdministerClientsUseCase clients;
    private final ReadAuditTrailUseCase auditTrail;
    private final AdministerWebhooksUseCase webhooks;

    ConsoleAdminController(ConsoleAccess access, ConsoleViews views, ReadAccountsUseCase readAccounts,
                           ChangeAccountUseCase changeAccount, AdministerPartnersUseCase partners,
                           AdministerClientsUseCase clients, ReadAuditTrailUseCase auditTrail,
                           AdministerWebhooksUseCase webhooks) {
        this.webhooks = webhooks;
        this.access = access;
        this.views = views;
        this.readAccounts = readAccounts;
        this.changeAccount = changeAccount;
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
        ReadAccountsUseCase.AccountPage listed = readAccounts.list(new ReadAccountsUseCase.ListAccountsQuery(
                signed.get().caller(), AccountFilter.none(), 0, PAGE_SIZE));
        List<AccountsView.Row> rows = listed.accounts().stream().map(account -> new AccountsView.Row(
                account.username().value(), inPath(account.username().value()), account.role() == Role.ADMIN,
                account.organization().map(Organization::name), account.partner().map(PartnerId::value),
                account.enabled(), account.createdAt(), account.id().equals(signed.get().caller().accountId())))
                .toList();
        return views.page(HttpStatus.OK, "admin/accounts", new AccountsView(withDone(signed.get().frame("Accounts"),
                done), signed.get().csrfToken(), rows, listed.total(), PAGE_SIZE));
    }

    @Get("/accounts/{username}/disable")
    MutableHttpResponse<?> confirmDisable(HttpRequest<?> request, @PathVariable String username) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        Optional<Account> found = parse(username).flatMap(valid -> readAccounts.find(signed.get().caller(), valid));
        if (found.isEmpty()) {
            return accountNotFound(signed.get());
        }
        Account account = found.get();
        return views.page(HttpStatus.OK, "admin/disable-account", new DisableAccountView(
                signed.get().frame("Disable an account"), signed.get().csrfToken(), account.username().value(),
                inPath(account.username().value())));
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
        return access.whenPosted(request, body, (signed, form) -> {
            Optional<Username> name = parse(username);
            if (name.isEmpty()) {
                return accountNotFound(signed);
            }
            ChangeAccountUseCase.Outcome outcome = changeAccount.change(ChangeAccountCommand.of(signed.caller(),
                    name.get(), new AccountEdit.SetEnabled(enabled)));
            if (outcome instanceof ChangeAccountUseCase.Outcome.Changed) {
                // Disabling ended the account's sessions and revoked its tokens, in the same use case.
                return ConsoleAccess.seeOther("/console/admin/accounts?done=" + (enabled ? "enabled" : "disabled"));
            }
            if (outcome instanceof ChangeAccountUseCase.Outcome.Refused refused) {
                return message(signed, HttpStatus.CONFLICT, signed.frame("Accounts")
                        .withNotice(Notice.error(refused.reason())), "/console/admin/accounts", "Back to the accounts");
            }
            return accountNotFound(signed);
        });
    }

    @Get("/partners")
    MutableHttpResponse<?> partners(HttpRequest<?> request, @Nullable @QueryValue String done) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        AdministerPartnersUseCase.Outcome.Listed listed = (AdministerPartnersUseCase.Outcome.Listed)
                partners.list(signed.get().caller());
        List<PartnersView.Row> rows = listed.partners().stream().map(partner -> new PartnersView.Row(
                partner.id().value(), partner.name(), partner.agreementsSigned())).toList();
        return views.page(HttpStatus.OK, "admin/partners", new PartnersView(withDone(signed.get().frame("Partners"),
                done), signed.get().csrfToken(), rows));
    }

    @Post("/partners/{id}/sign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> sign(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) -> {
            AdministerPartnersUseCase.Outcome outcome = partnerId(id).map(valid -> partners.update(
                            new AdministerPartnersUseCase.UpdatePartnerCommand(signed.caller(), valid,
                                    Optional.empty(), Optional.of(true))))
                    .orElseGet(AdministerPartnersUseCase.Outcome.NotFound::new);
            if (outcome instanceof AdministerPartnersUseCase.Outcome.Done) {
                return ConsoleAccess.seeOther("/console/admin/partners?done=signed");
            }
            return message(signed, HttpStatus.NOT_FOUND, signed.frame("No such partner"), "/console/admin/partners",
                    "Back to the partners");
        });
    }

    @Get("/clients")
    MutableHttpResponse<?> clients(HttpRequest<?> request) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        List<OAuthClient> listed = clients.list(signed.get().caller());
        List<ClientsView.Row> rows = listed.stream().map(client -> new ClientsView.Row(client.name(),
                client.id().value(), client.type().wireName(), client.grantTypes().stream().map(GrantType::wireName)
                .sorted().toList(), client.enabled(), client.createdAt(), client.authenticationMethod(),
                client.requiresDpop())).toList();
        return views.page(HttpStatus.OK, "admin/clients", new ClientsView(signed.get().frame("Clients"), rows));
    }

    /** The webhook endpoints, each with its newest deliveries: where an administrator sees what went out. */
    @Get("/webhooks")
    MutableHttpResponse<?> webhooks(HttpRequest<?> request) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        List<WebhooksView.Endpoint> endpoints = webhooks.list(signed.get().caller()).stream().map(endpoint ->
                new WebhooksView.Endpoint(endpoint.url().toString(), endpoint.description(), endpoint.organization(),
                        endpoint.events().stream().sorted().toList(), endpoint.enabled(), endpoint.disabledReason(),
                        endpoint.createdAt(), webhooks.deliveries(signed.get().caller(), endpoint.id(),
                                DELIVERIES_SHOWN).orElse(List.of()).stream().map(ConsoleAdminController::shown)
                                .toList())).toList();
        return views.page(HttpStatus.OK, "admin/webhooks", new WebhooksView(signed.get().frame("Webhooks"),
                endpoints));
    }

    private static WebhooksView.Delivery shown(WebhookDeliveryPort.Delivery delivery) {
        Optional<WebhookDeliveryPort.Attempt> last = delivery.attempts().stream().findFirst();
        return new WebhooksView.Delivery(delivery.message().event().type(), delivery.message().event().occurredAt(),
                delivery.state().toLowerCase(java.util.Locale.ROOT), delivery.attempts().size(),
                last.flatMap(WebhookDeliveryPort.Attempt::status), last.map(WebhookDeliveryPort.Attempt::response)
                .filter(response -> !response.isBlank()));
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
            Optional<Account> found = parse(wanted).flatMap(valid -> readAccounts.find(signed.get().caller(), valid));
            if (found.isEmpty()) {
                return views.page(HttpStatus.NOT_FOUND, "admin/audit", new AuditView(signed.get()
                        .frame("Audit trail").withNotice(Notice.error("No account has that username.")), wanted,
                        List.of(), 0));
            }
            accountId = Optional.of(found.get().id());
        }
        ReadAuditTrailUseCase.Page page = auditTrail.read(new ReadAuditTrailUseCase.AuditQuery(
                signed.get().caller(), accountId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, PAGE_SIZE));
        List<AuditView.Row> rows = page.events().stream().map(event -> new AuditView.Row(event.occurredAt(),
                event.type().wireName(), page.actorShown(event), event.token().map(Object::toString), event.detail(),
                event.count())).toList();
        return views.page(HttpStatus.OK, "admin/audit", new AuditView(signed.get().frame("Audit trail"), wanted,
                rows, page.totalEvents()));
    }

    /**
     * The use cases' administrator guard refused: the page says so, with the signed-in frame, so that the way back
     * stays in reach.
     */
    @Error(exception = NotAnAdministratorException.class)
    MutableHttpResponse<?> notAnAdministrator(HttpRequest<?> request) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        return views.page(HttpStatus.FORBIDDEN, "message", new MessageView(signed.get().frame("Administrators only"),
                List.of("This page is for administrators."), "/console/tokens", "Back to your tokens"));
    }

    private MutableHttpResponse<?> accountNotFound(SignedIn signed) {
        return message(signed, HttpStatus.NOT_FOUND, signed.frame("No such account"), "/console/admin/accounts",
                "Back to the accounts");
    }

    private MutableHttpResponse<?> message(SignedIn signed, HttpStatus status, Frame frame, String backHref,
                                           String backLabel) {
        return views.page(status, "message", new MessageView(frame, List.of(), backHref, backLabel));
    }

    private static Frame withDone(Frame frame, String done) {
        return Optional.ofNullable(done).map(DONE_MESSAGES::get).map(Notice::success).map(frame::withNotice)
                .orElse(frame);
    }

    private static Optional<Username> parse(String username) {
        return Username.parse(username);
    }

    private static Optional<PartnerId> partnerId(String id) {
        try {
            return Optional.of(PartnerId.of(Long.parseLong(id)));
        } catch (NumberFormatException | InvalidValueException invalid) {
            return Optional.empty();
        }
    }

    private static String inPath(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
