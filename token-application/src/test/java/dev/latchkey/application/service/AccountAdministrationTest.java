package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.in.ChangeAccountUseCase.ChangeAccountCommand;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The administration of accounts, one use case per intent, each behind the administrator guard. */
class AccountAdministrationTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Account rootAccount = fixture.account("root", "root-password", Role.ADMIN);
    private final Caller root = ServiceFixture.byPassword(rootAccount);
    private final Account aliceAccount = fixture.account("alice", "alice-password");
    private final Caller alice = ServiceFixture.byPassword(aliceAccount);
    private final CreateAccountUseCase create = fixture.services.createAccount();
    private final ChangeAccountUseCase change = fixture.services.changeAccount();
    private final AdministerPartnersUseCase partners = fixture.services.administerPartners();

    private CreateAccountCommand newAccount(Caller by, Optional<PartnerId> partner) {
        return new CreateAccountCommand(by, Username.of("carol"), Password.chosen("carol's long password"),
                Role.USER, Optional.of(EmailAddress.of("carol@example.com")), Optional.of(Organization.of("Main Org.")),
                partner);
    }

    private AuthenticateUseCase.Outcome logIn(String username, String password) {
        return fixture.services.authenticate().authenticate(
                new AuthenticateUseCase.PasswordCredentials(username, password, ServiceFixture.ADDRESS));
    }

    @Test
    void anAdministratorCreatesAnAccountThatCanLogIn() {
        CreateAccountUseCase.Outcome outcome = create.create(newAccount(root, Optional.empty()));

        assertThat(outcome).isInstanceOfSatisfying(CreateAccountUseCase.Outcome.Created.class, created -> {
            assertThat(created.account().email()).contains(EmailAddress.of("carol@example.com"));
            assertThat(created.account().organization()).contains(Organization.of("Main Org."));
        });
        assertThat(logIn("carol", "carol's long password")).isInstanceOf(AuthenticateUseCase.Outcome.Authenticated.class);
        assertThat(fixture.events.recorded).extracting(AuditEvent::type).contains(AuditEventType.ACCOUNT_CREATED);
    }

    @Test
    void everyAdministrationUseCaseRefusesAnyoneElseBeforeReadingOrWriting() {
        int eventsBefore = fixture.events.recorded.size();
        List<Consumer<Caller>> administration = List.of(
                caller -> create.create(newAccount(caller, Optional.empty())),
                caller -> fixture.services.readAccounts().find(caller, Username.of("root")),
                caller -> fixture.services.readAccounts().list(new ReadAccountsUseCase.ListAccountsQuery(caller,
                        AccountFilter.none(), 0, 10)),
                caller -> change.change(ChangeAccountCommand.of(caller, Username.of("root"),
                        new AccountEdit.SetEnabled(false))),
                caller -> fixture.services.unlockAccount().unlock(caller, Username.of("root")),
                caller -> fixture.services.deleteAccount().delete(caller, Username.of("root")),
                caller -> fixture.services.revokeAccountTokens().revokeAll(caller, Username.of("root")),
                caller -> fixture.services.revokeAccountTokens().revoke(caller, TokenId.fromRandomBytes(new byte[16])),
                caller -> partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(caller, PartnerId.of(1),
                        "p", false)),
                caller -> partners.list(caller),
                caller -> fixture.services.registerClient().register(
                        RegisterClientUseCase.RegisterClientCommand.confidential(caller, "rogue")),
                caller -> fixture.services.administerClients().list(caller),
                caller -> fixture.services.managePolicies().list(caller));

        for (Consumer<Caller> useCase : administration) {
            assertThatThrownBy(() -> useCase.accept(alice)).isInstanceOf(NotAnAdministratorException.class);
        }
        assertThat(fixture.events.recorded).hasSize(eventsBefore);
        assertThat(fixture.accounts.loadById(rootAccount.id())).get().extracting(Account::enabled).isEqualTo(true);
    }

    @Test
    void theOperatorAtTheCommandLineIsAnAdministrator() {
        assertThat(Caller.operator().requireAdministrator()).isEqualTo(Caller.operator());
        assertThat(create.create(newAccount(Caller.operator(), Optional.empty())))
                .isInstanceOf(CreateAccountUseCase.Outcome.Created.class);
    }

    @Test
    void anAccountCanOnlyPointAtAnExistingPartner() {
        assertThat(create.create(newAccount(root, Optional.of(PartnerId.of(12345)))))
                .isEqualTo(new CreateAccountUseCase.Outcome.UnknownPartner(PartnerId.of(12345)));
        assertThat(change.change(ChangeAccountCommand.of(root, Username.of("alice"),
                new AccountEdit.SetPartner(Optional.of(PartnerId.of(12345))))))
                .isEqualTo(new ChangeAccountUseCase.Outcome.UnknownPartner(PartnerId.of(12345)));
        partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(root, PartnerId.of(12345), "Acme", false));

        assertThat(create.create(newAccount(root, Optional.of(PartnerId.of(12345)))))
                .isInstanceOf(CreateAccountUseCase.Outcome.Created.class);
    }

    @Test
    void takenUsernamesAndPartnerIdsAreReported() {
        create.create(newAccount(root, Optional.empty()));
        partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(root, PartnerId.of(7), "Acme", false));

        assertThat(create.create(newAccount(root, Optional.empty())))
                .isInstanceOf(CreateAccountUseCase.Outcome.UsernameTaken.class);
        assertThat(partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(root, PartnerId.of(7), "B",
                true))).isInstanceOf(AdministerPartnersUseCase.Outcome.IdTaken.class);
    }

    @Test
    void disablingAnAccountLocksItOutAndRevokesItsTokensAndAPasswordResetTakesEffect() {
        fixture.issue(alice, Optional.empty(), Scopes.none());
        change.change(ChangeAccountCommand.of(root, Username.of("alice"), new AccountEdit.SetEnabled(false)));

        assertThat(logIn("alice", "alice-password"))
                .isEqualTo(new AuthenticateUseCase.Outcome.Refused(AuthenticateUseCase.Reason.ACCOUNT_DISABLED));
        assertThat(fixture.tokens.loadMatching(Optional.of(aliceAccount.id()),
                dev.latchkey.domain.TokenFilter.activePersonal(), fixture.clock.instant(), 0, 10)).isEmpty();

        change.change(new ChangeAccountCommand(root, Username.of("alice"), List.of(
                new AccountEdit.ResetPassword(Password.chosen("a brand new password")),
                new AccountEdit.SetEnabled(true)), false));
        assertThat(logIn("alice", "a brand new password")).isInstanceOf(AuthenticateUseCase.Outcome.Authenticated.class);
        assertThat(fixture.events.recorded).filteredOn(event -> event.type() == AuditEventType.ACCOUNT_CHANGED)
                .extracting(AuditEvent::detail).containsExactly("enabled=false", "password=changed enabled=true");
    }

    @Test
    void aProfileFieldIsSetOrClearedByItsOwnEditAndTheOthersStay() {
        change.change(new ChangeAccountCommand(root, Username.of("alice"), List.of(
                new AccountEdit.SetEmail(Optional.of(EmailAddress.of("alice@example.com"))),
                new AccountEdit.SetOrganization(Optional.of(Organization.of("Blue")))), false));
        ChangeAccountUseCase.Outcome cleared = change.change(ChangeAccountCommand.of(root, Username.of("alice"),
                new AccountEdit.SetEmail(Optional.empty())));

        assertThat(cleared).isInstanceOfSatisfying(ChangeAccountUseCase.Outcome.Changed.class, changed -> {
            assertThat(changed.account().email()).isEmpty();
            assertThat(changed.account().organization()).contains(Organization.of("Blue"));
        });
    }

    @Test
    void anEditGivenTwiceIsRefusedByName() {
        assertThatThrownBy(() -> new ChangeAccountCommand(root, Username.of("alice"), List.of(
                new AccountEdit.ChangeRole(Role.ADMIN), new AccountEdit.ChangeRole(Role.USER)), false))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("role"));
    }

    @Test
    void theLastEnabledAdministratorIsNeitherDisabledNorDemoted() {
        int eventsBefore = fixture.events.recorded.size();
        for (AccountEdit edit : List.of(new AccountEdit.SetEnabled(false), new AccountEdit.ChangeRole(Role.USER))) {
            assertThat(change.change(ChangeAccountCommand.of(root, Username.of("root"), edit)))
                    .isInstanceOf(ChangeAccountUseCase.Outcome.Refused.class);
        }
        assertThat(fixture.events.recorded).hasSize(eventsBefore);

        change.change(ChangeAccountCommand.of(root, Username.of("alice"), new AccountEdit.ChangeRole(Role.ADMIN)));
        assertThat(change.change(ChangeAccountCommand.of(root, Username.of("root"), new AccountEdit.SetEnabled(false))))
                .isInstanceOf(ChangeAccountUseCase.Outcome.Changed.class);
    }

    @Test
    void aClientsServiceAccountIsChangedAndDeletedOnlyThroughItsClient() {
        RegisterClientUseCase.Outcome.Registered registered = (RegisterClientUseCase.Outcome.Registered)
                fixture.services.registerClient().register(new RegisterClientUseCase.RegisterClientCommand(root, "ci",
                        ClientType.CONFIDENTIAL, Optional.of(EnumSet.of(GrantType.CLIENT_CREDENTIALS)),
                        Optional.empty()));
        Account serviceAccount = fixture.accounts.loadById(registered.client().serviceAccount().orElseThrow())
                .orElseThrow();

        assertThat(change.change(ChangeAccountCommand.of(root, serviceAccount.username(),
                new AccountEdit.ChangeRole(Role.ADMIN)))).isInstanceOf(ChangeAccountUseCase.Outcome.Refused.class);
        assertThat(fixture.services.deleteAccount().delete(root, serviceAccount.username()))
                .isInstanceOf(DeleteAccountUseCase.Outcome.Refused.class);
        assertThat(fixture.accounts.loadById(serviceAccount.id())).get().extracting(Account::role)
                .isEqualTo(Role.USER);
    }

    @Test
    void anAdministratorDeletesAnotherAccountButNotTheirOwn() {
        assertThat(fixture.services.deleteAccount().delete(root, Username.of("root")))
                .isInstanceOf(DeleteAccountUseCase.Outcome.Refused.class);
        assertThat(fixture.services.deleteAccount().delete(root, Username.of("nobody")))
                .isInstanceOf(DeleteAccountUseCase.Outcome.NotFound.class);

        assertThat(fixture.services.deleteAccount().delete(root, Username.of("alice")))
                .isInstanceOf(DeleteAccountUseCase.Outcome.Deleted.class);
        assertThat(fixture.accounts.loadByUsername(Username.of("alice"))).isEmpty();
    }

    @Test
    void revokingAnAccountsTokensCountsThoseStillValidAndOneTokenIsFoundOnlyUnderItsOwner() {
        TokenId first = fixture.issue(alice, Optional.of(Lifetime.never()), Scopes.none()).token().id();
        fixture.issue(alice, Optional.empty(), Scopes.none());
        RevokeAccountTokensUseCase revocations = fixture.services.revokeAccountTokens();

        assertThat(revocations.revoke(root, Username.of("root"), first))
                .isInstanceOf(RevokeAccountTokensUseCase.Outcome.TokenNotFound.class);
        assertThat(revocations.revoke(root, Username.of("alice"), first))
                .isEqualTo(new RevokeAccountTokensUseCase.Outcome.Revoked(aliceAccount, 1));
        assertThat(revocations.revokeAll(root, Username.of("alice")))
                .isEqualTo(new RevokeAccountTokensUseCase.Outcome.Revoked(aliceAccount, 1));
        assertThat(revocations.revokeAll(root, Username.of("nobody")))
                .isInstanceOf(RevokeAccountTokensUseCase.Outcome.AccountNotFound.class);
    }

    @Test
    void signingAPartnersAgreementsIsAnUpdate() {
        partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(root, PartnerId.of(9), "Acme", false));

        AdministerPartnersUseCase.Outcome outcome = partners.update(new AdministerPartnersUseCase.UpdatePartnerCommand(
                root, PartnerId.of(9), Optional.empty(), Optional.of(true)));

        assertThat(outcome).isInstanceOfSatisfying(AdministerPartnersUseCase.Outcome.Done.class,
                done -> assertThat(done.partner().agreementsSigned()).isTrue());
        assertThat(partners.update(new AdministerPartnersUseCase.UpdatePartnerCommand(root, PartnerId.of(10),
                Optional.empty(), Optional.of(true)))).isInstanceOf(AdministerPartnersUseCase.Outcome.NotFound.class);
    }
}
