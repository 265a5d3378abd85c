package dev.latchkey.adapter.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.latchkey.adapter.rest.ApiCalls;
import dev.latchkey.adapter.rest.ApiFixtures;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.in.ChangeAccountUseCase.ChangeAccountCommand;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.UnlockAccountUseCase;
import dev.latchkey.application.port.out.LoadPolicyPort.Scope;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.PasswordPolicy;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The administration API through the real Netty server, with the use cases mocked: each request mapped to its use
 * case's command, each outcome to its status and problem type, and every refusal before a use case is reached.
 */
@MicronautTest
@Property(name = "spec.name", value = "AdminApiTest")
class AdminApiTest {

    /** The configured password rules: a real value, as the bootstrap makes it. */
    @Factory
    @Requires(property = "spec.name", value = "AdminApiTest")
    static class PasswordRules {
        @Singleton
        PasswordPolicy passwords() {
            return new PasswordPolicy(12);
        }
    }

    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final Caller ROOT = ApiFixtures.ROOT;
    private static final String ROOT_BASIC = ApiFixtures.ROOT_BASIC;
    private static final String ALICE_BASIC = ApiFixtures.ALICE_BASIC;
    private static final Account BOB = Account.create(new AccountId(UUID.randomUUID()), Username.of("bob"),
            new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AuthenticateUseCase authenticate;
    @Inject
    CreateAccountUseCase createAccount;
    @Inject
    ReadAccountsUseCase readAccounts;
    @Inject
    ChangeAccountUseCase changeAccount;
    @Inject
    UnlockAccountUseCase unlockAccount;
    @Inject
    DeleteAccountUseCase deleteAccount;
    @Inject
    RevokeAccountTokensUseCase revocations;
    @Inject
    AdministerPartnersUseCase partners;
    @Inject
    ManagePoliciesUseCase policies;
    @Inject
    ReadAuditTrailUseCase auditTrail;

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(CreateAccountUseCase.class)
    CreateAccountUseCase createAccount() {
        return mock(CreateAccountUseCase.class);
    }

    @MockBean(ReadAccountsUseCase.class)
    ReadAccountsUseCase readAccounts() {
        return mock(ReadAccountsUseCase.class);
    }

    @MockBean(ChangeAccountUseCase.class)
    ChangeAccountUseCase changeAccount() {
        return mock(ChangeAccountUseCase.class);
    }

    @MockBean(UnlockAccountUseCase.class)
    UnlockAccountUseCase unlockAccount() {
        return mock(UnlockAccountUseCase.class);
    }

    @MockBean(DeleteAccountUseCase.class)
    DeleteAccountUseCase deleteAccount() {
        return mock(DeleteAccountUseCase.class);
    }

    @MockBean(RevokeAccountTokensUseCase.class)
    RevokeAccountTokensUseCase revocations() {
        return mock(RevokeAccountTokensUseCase.class);
    }

    @MockBean(AdministerPartnersUseCase.class)
    AdministerPartnersUseCase partners() {
        return mock(AdministerPartnersUseCase.class);
    }

    @MockBean(ManagePoliciesUseCase.class)
    ManagePoliciesUseCase policies() {
        return mock(ManagePoliciesUseCase.class);
    }

    @MockBean(ReadAuditTrailUseCase.class)
    ReadAuditTrailUseCase auditTrail() {
        return mock(ReadAuditTrailUseCase.class);
    }

    @MockBean(ListTokensUseCase.class)
    ListTokensUseCase listTokens() {
        return mock(ListTokensUseCase.class);
    }

    @MockBean(RevokeTokenUseCase.class)
    RevokeTokenUseCase revokeToken() {
        return mock(RevokeTokenUseCase.class);
    }

    @BeforeEach
    void rootAndAliceCanLogIn() {
        reset(authenticate, createAccount, readAccounts, changeAccount, unlockAccount, deleteAccount, revocations,
                partners, policies, auditTrail);
        ApiFixtures.andAdministrator(authenticate);
    }

    private ApiCalls calls() {
        return new ApiCalls(server, json);
    }

    private HttpResponse<String> asRoot(String method, String path, String body) throws Exception {
        return calls().send(method, path, ROOT_BASIC, body == null ? null : "application/json", body);
    }

    @Test
    void anAccountThatIsNotAnAdministratorIsRefusedOnEveryRouteBeforeAnyUseCase() throws Exception {
        for (String[] route : List.of(new String[] {"GET", "/api/v1/admin/accounts"},
                new String[] {"POST", "/api/v1/admin/accounts"}, new String[] {"GET", "/api/v1/admin/accounts/bob"},
                new String[] {"PATCH", "/api/v1/admin/accounts/bob"},
                new String[] {"DELETE", "/api/v1/admin/accounts/bob"},
                new String[] {"POST", "/api/v1/admin/accounts/bob/unlock"},
                new String[] {"POST", "/api/v1/admin/accounts/bob/tokens/revoke-all"},
                new String[] {"GET", "/api/v1/admin/partners"}, new String[] {"GET", "/api/v1/admin/policies"},
                new String[] {"DELETE", "/api/v1/admin/policies/default"},
                new String[] {"GET", "/api/v1/admin/audit"})) {
            HttpResponse<String> refused = calls().send(route[0], route[1], ALICE_BASIC, "application/json", "{}");
            calls().assertProblem(refused, 403, "forbidden");
        }
        verifyNoInteractions(createAccount, readAccounts, changeAccount, unlockAccount, deleteAccount, revocations,
                partners, policies, auditTrail);
    }

    @Test
    void theUseCasesOwnGuardIsAnsweredAsTheSameProblem() throws Exception {
        when(readAccounts.find(any(), any())).thenThrow(new NotAnAdministratorException());

        Map<String, Object> problem = calls().assertProblem(asRoot("GET", "/api/v1/admin/accounts/bob", null), 403,
                "forbidden");

        assertThat(problem).containsEntry("detail", "Only an administrator may do this.");
    }

    @Test
    void creatingAnAccountMapsEveryFieldAndEachOutcome() throws Exception {
        when(createAccount.create(any())).thenReturn(new CreateAccountUseCase.Outcome.Created(BOB),
                new CreateAccountUseCase.Outcome.UsernameTaken(),
                new CreateAccountUseCase.Outcome.UnknownPartner(PartnerId.of(31)));
        String body = "{\"username\":\"bob\",\"password\":\"bob's long password\",\"email\":\"bob@example.com\","
                + "\"organization\":\"Blue\",\"role\":\"admin\",\"partnerId\":31}";

        HttpResponse<String> created = asRoot("POST", "/api/v1/admin/accounts", body);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(calls().bodyOf(created)).containsEntry("username", "bob").doesNotContainKey("password");
        calls().assertProblem(asRoot("POST", "/api/v1/admin/accounts", body), 409, "username-taken");
        calls().assertProblem(asRoot("POST", "/api/v1/admin/accounts", body), 422, "unknown-partner");

        ArgumentCaptor<CreateAccountCommand> command = ArgumentCaptor.forClass(CreateAccountCommand.class);
        verify(createAccount, org.mockito.Mockito.times(3)).create(command.capture());
        CreateAccountCommand first = command.getAllValues().get(0);
        assertThat(first.administrator()).isEqualTo(ROOT);
        assertThat(first.role()).isEqualTo(Role.ADMIN);
        assertThat(first.email()).contains(EmailAddress.of("bob@example.com"));
        assertThat(first.organization()).contains(Organization.of("Blue"));
        assertThat(first.partner()).contains(PartnerId.of(31));
        assertThat(first.password().reveal()).isEqualTo("bob's long password");
    }

    @Test
    void aBadAccountBodyIsAProblemNamingTheFieldAndReachesNoUseCase() throws Exception {
        Map<String, String> named = Map.of(
                "{\"password\":\"bob's long password\"}", "username",
                "{\"username\":\"bob\"}", "password",
                "{\"username\":\"bob\",\"password\":\"short\"}", "password",
                "{\"username\":\"bob\",\"password\":\"bob's long password\",\"role\":\"owner\"}", "role",
                "{\"username\":\"bob\",\"password\":\"bob's long password\",\"partnerId\":-7}", "partnerId");
        for (Map.Entry<String, String> bad : named.entrySet()) {
            Map<String, Object> problem = calls().assertProblem(asRoot("POST", "/api/v1/admin/accounts",
                    bad.getKey()), 400, "invalid-request");
            assertThat(problem.toString()).as(bad.getKey()).contains(bad.getValue()).doesNotContain("short");
        }
        verifyNoInteractions(createAccount);
    }

    @Test
    void aPatchIsAMergePatchTurnedIntoEditsAndNullClearsOnlyWhatItNames() throws Exception {
        when(changeAccount.change(any())).thenReturn(new ChangeAccountUseCase.Outcome.Changed(BOB));

        HttpResponse<String> changed = asRoot("PATCH", "/api/v1/admin/accounts/bob",
                "{\"role\":\"admin\",\"enabled\":false,\"email\":null,\"revokeTokens\":true}");

        assertThat(changed.statusCode()).isEqualTo(200);
        verify(changeAccount).change(new ChangeAccountCommand(ROOT, Username.of("bob"), List.of(
                new AccountEdit.ChangeRole(Role.ADMIN), new AccountEdit.SetEnabled(false),
                new AccountEdit.SetEmail(Optional.empty())), true));
    }

    @Test
    void eachChangeOutcomeHasItsStatus() throws Exception {
        when(changeAccount.change(any())).thenReturn(
                new ChangeAccountUseCase.Outcome.Refused("The last enabled administrator cannot be disabled."),
                new ChangeAccountUseCase.Outcome.NotFound(),
                new ChangeAccountUseCase.Outcome.UnknownPartner(PartnerId.of(9)));

        Map<String, Object> refused = calls().assertProblem(asRoot("PATCH", "/api/v1/admin/accounts/root",
                "{\"enabled\":false}"), 409, "account-change-refused");
        assertThat(refused).containsEntry("detail", "The last enabled administrator cannot be disabled.");
        calls().assertProblem(asRoot("PATCH", "/api/v1/admin/accounts/nobody", "{\"enabled\":false}"), 404,
                "account-not-found");
        calls().assertProblem(asRoot("PATCH", "/api/v1/admin/accounts/bob", "{\"partnerId\":9}"), 422,
                "unknown-partner");
    }

    @Test
    void aUsernameNoAccountCanHaveIsNotFoundWithoutAskingTheCore() throws Exception {
        for (String[] route : List.of(new String[] {"GET", "/api/v1/admin/accounts/%20"},
                new String[] {"DELETE", "/api/v1/admin/accounts/%20"},
                new String[] {"POST", "/api/v1/admin/accounts/%20/unlock"})) {
            calls().assertProblem(asRoot(route[0], route[1], null), 404, "account-not-found");
        }
        verifyNoInteractions(readAccounts, deleteAccount, unlockAccount);
    }

    @Test
    void deletingAndUnlockingAnswerEachOutcome() throws Exception {
        when(deleteAccount.delete(any(), any())).thenReturn(new DeleteAccountUseCase.Outcome.Deleted(BOB),
                new DeleteAccountUseCase.Outcome.Refused("An administrator cannot delete their own account."),
                new DeleteAccountUseCase.Outcome.NotFound());
        when(unlockAccount.unlock(ROOT, Username.of("bob"))).thenReturn(Optional.of(BOB));
        when(unlockAccount.unlock(ROOT, Username.of("nobody"))).thenReturn(Optional.empty());

        assertThat(asRoot("DELETE", "/api/v1/admin/accounts/bob", null).statusCode()).isEqualTo(204);
        calls().assertProblem(asRoot("DELETE", "/api/v1/admin/accounts/root", null), 409, "account-not-deletable");
        calls().assertProblem(asRoot("DELETE", "/api/v1/admin/accounts/nobody", null), 404, "account-not-found");
        assertThat(asRoot("POST", "/api/v1/admin/accounts/bob/unlock", null).statusCode()).isEqualTo(200);
        calls().assertProblem(asRoot("POST", "/api/v1/admin/accounts/nobody/unlock", null), 404,
                "account-not-found");
    }

    @Test
    void aListFilterOfTheWrongKindIsAProblemNamingIt() throws Exception {
        for (String parameter : List.of("role=owner", "enabled=maybe", "partnerId=abc")) {
            Map<String, Object> problem = calls().assertProblem(asRoot("GET", "/api/v1/admin/accounts?" + parameter,
                    null), 400, "invalid-request");
            assertThat(problem.toString()).contains(parameter.substring(0, parameter.indexOf('=')));
        }
        when(readAccounts.list(any())).thenReturn(new ReadAccountsUseCase.AccountPage(List.of(BOB), 0, 20, 1));
        assertThat(calls().bodyOf(asRoot("GET", "/api/v1/admin/accounts?role=user&enabled=true", null)))
                .containsEntry("total", 1);
    }

    @Test
    void revokingAnAccountsTokensAnswersEachOutcome() throws Exception {
        TokenId id = TokenId.fromRandomBytes(new byte[16]);
        when(revocations.revoke(any(), eq(Username.of("bob")), eq(id)))
                .thenReturn(new RevokeAccountTokensUseCase.Outcome.Revoked(BOB, 1),
                        new RevokeAccountTokensUseCase.Outcome.TokenNotFound());
        when(revocations.revokeAll(any(), eq(Username.of("bob"))))
                .thenReturn(new RevokeAccountTokensUseCase.Outcome.Revoked(BOB, 4));
        when(revocations.revokeAll(any(), eq(Username.of("nobody"))))
                .thenReturn(new RevokeAccountTokensUseCase.Outcome.AccountNotFound());

        String path = "/api/v1/admin/accounts/bob/tokens/" + id;
        assertThat(asRoot("DELETE", path, null).statusCode()).isEqualTo(204);
        calls().assertProblem(asRoot("DELETE", path, null), 404, "token-not-found");
        calls().assertProblem(asRoot("DELETE", "/api/v1/admin/accounts/bob/tokens/not-an-id", null), 404,
                "token-not-found");
        assertThat(calls().bodyOf(asRoot("POST", "/api/v1/admin/accounts/bob/tokens/revoke-all", null)))
                .containsEntry("revoked", 4);
        calls().assertProblem(asRoot("POST", "/api/v1/admin/accounts/nobody/tokens/revoke-all", null), 404,
                "account-not-found");
    }

    @Test
    void aPolicyIsReadStrictlyAndRemovingNoneIsNotFound() throws Exception {
        Map<String, Object> unknownField = calls().assertProblem(asRoot("PUT", "/api/v1/admin/policies/default",
                "{\"maximumLifetimeSeconds\":86400,\"maximumLifetimeDays\":1}"), 400, "invalid-request");
        assertThat(unknownField.toString()).contains("maximumLifetimeDays");
        calls().assertProblem(asRoot("PUT", "/api/v1/admin/policies/default", "{\"defaultLifetimeSeconds\":60}"),
                400, "invalid-request");
        verifyNoInteractions(policies);

        when(policies.remove(ROOT, new Scope.OfOrganization(Organization.of("Blue")))).thenReturn(false);
        calls().assertProblem(asRoot("DELETE", "/api/v1/admin/policies/organizations/Blue", null), 404,
                "policy-not-found");
    }

    @Test
    void aPartnerIdTakenOrUnknownHasItsProblem() throws Exception {
        when(partners.create(any())).thenReturn(new AdministerPartnersUseCase.Outcome.IdTaken());
        when(partners.update(any())).thenReturn(new AdministerPartnersUseCase.Outcome.NotFound());

        calls().assertProblem(asRoot("POST", "/api/v1/admin/partners", "{\"id\":7,\"name\":\"Acme\"}"), 409,
                "partner-id-taken");
        calls().assertProblem(asRoot("PATCH", "/api/v1/admin/partners/8", "{\"agreementsSigned\":true}"), 404,
                "partner-not-found");
        Map<String, Object> negative = calls().assertProblem(asRoot("POST", "/api/v1/admin/partners",
                "{\"id\":-7,\"name\":\"Acme\"}"), 400, "invalid-request");
        assertThat(negative.toString()).contains("id").doesNotContain("partnerId");
    }

    @Test
    void aBodyLargerThanTheServerTakesIsAProblemInLatchkeysWordsAndReachesNoUseCase() throws Exception {
        String large = "{\"username\":\"" + "x".repeat(70_000) + "\"}";

        Map<String, Object> problem = calls().assertProblem(asRoot("POST", "/api/v1/admin/accounts", large), 413,
                "payload-too-large");

        assertThat(problem).containsEntry("detail", "The request body is larger than this endpoint takes.");
        verifyNoInteractions(createAccount);
    }
}
