package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.AdministerAccountsUseCase;
import dev.latchkey.application.port.in.AdministerAccountsUseCase.CreateAccountCommand;
import dev.latchkey.application.port.in.AdministerAccountsUseCase.UpdateAccountCommand;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdministrationServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final Caller alice = ServiceFixture.byPassword(fixture.account("alice", "alice-password"));
    private final AdministerAccountsUseCase accounts = fixture.services.administerAccounts();
    private final AdministerPartnersUseCase partners = fixture.services.administerPartners();

    private CreateAccountCommand newAccount(Caller by, Optional<PartnerId> partner) {
        return new CreateAccountCommand(by, Username.of("carol"), Password.chosen("carol's long password"),
                Role.USER, Optional.of(EmailAddress.of("carol@example.com")), Optional.of(Organization.of("Main Org.")),
                partner);
    }

    @Test
    void anAdministratorCreatesAnAccountThatCanLogIn() {
        AdministerAccountsUseCase.Outcome outcome = accounts.create(newAccount(root, Optional.empty()));

        assertThat(outcome).isInstanceOfSatisfying(AdministerAccountsUseCase.Outcome.Done.class, done -> {
            assertThat(done.account().email()).contains(EmailAddress.of("carol@example.com"));
            assertThat(done.account().organization()).contains(Organization.of("Main Org."));
        });
        assertThat(fixture.services.authenticate().authenticate(
                new AuthenticateUseCase.PasswordCredentials("carol", "carol's long password", ServiceFixture.ADDRESS)))
                .isInstanceOf(AuthenticateUseCase.Outcome.Authenticated.class);
    }

    @Test
    void onlyAdministratorsAdminister() {
        assertThat(accounts.create(newAccount(alice, Optional.empty())))
                .isInstanceOf(AdministerAccountsUseCase.Outcome.NotAllowed.class);
        assertThat(accounts.find(alice, Username.of("root")))
                .isInstanceOf(AdministerAccountsUseCase.Outcome.NotAllowed.class);
        assertThat(partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(alice, PartnerId.of(1), "p",
                false))).isInstanceOf(AdministerPartnersUseCase.Outcome.NotAllowed.class);
    }

    @Test
    void anAccountCanOnlyPointAtAnExistingPartner() {
        assertThat(accounts.create(newAccount(root, Optional.of(PartnerId.of(12345)))))
                .isInstanceOf(AdministerAccountsUseCase.Outcome.UnknownPartner.class);
        partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(root, PartnerId.of(12345), "Acme", false));

        assertThat(accounts.create(newAccount(root, Optional.of(PartnerId.of(12345)))))
                .isInstanceOf(AdministerAccountsUseCase.Outcome.Done.class);
    }

    @Test
    void takenUsernamesAndPartnerIdsAreReported() {
        accounts.create(newAccount(root, Optional.empty()));
        partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(root, PartnerId.of(7), "Acme", false));

        assertThat(accounts.create(newAccount(root, Optional.empty())))
                .isInstanceOf(AdministerAccountsUseCase.Outcome.UsernameTaken.class);
        assertThat(partners.create(new AdministerPartnersUseCase.CreatePartnerCommand(root, PartnerId.of(7), "B",
                true))).isInstanceOf(AdministerPartnersUseCase.Outcome.IdTaken.class);
    }

    @Test
    void disablingAnAccountLocksItOutAndChangingThePasswordTakesEffect() {
        UpdateAccountCommand disable = new UpdateAccountCommand(root, Username.of("alice"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false));
        accounts.update(disable);

        assertThat(fixture.services.authenticate().authenticate(
                new AuthenticateUseCase.PasswordCredentials("alice", "alice-password", ServiceFixture.ADDRESS)))
                .isEqualTo(new AuthenticateUseCase.Outcome.Refused(AuthenticateUseCase.Reason.ACCOUNT_DISABLED));

        accounts.update(new UpdateAccountCommand(root, Username.of("alice"),
                Optional.of(Password.chosen("a brand new password")), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(true)));
        assertThat(fixture.services.authenticate().authenticate(
                new AuthenticateUseCase.PasswordCredentials("alice", "a brand new password", ServiceFixture.ADDRESS)))
                .isInstanceOf(AuthenticateUseCase.Outcome.Authenticated.class);
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
