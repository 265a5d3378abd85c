package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.BootstrapAdministratorUseCase.BootstrapAdministratorCommand;
import dev.latchkey.application.port.in.BootstrapAdministratorUseCase.Outcome;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import org.junit.jupiter.api.Test;

class BootstrapAdministratorServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();

    private static BootstrapAdministratorCommand admin() {
        return new BootstrapAdministratorCommand(Username.of("admin"), Password.chosen("a long admin password"));
    }

    @Test
    void anEmptyInstallationGetsAnAdministratorWhoCanLogIn() {
        Outcome outcome = fixture.services.bootstrapAdministrator().bootstrap(admin());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Created.class,
                created -> assertThat(created.administrator().role()).isEqualTo(Role.ADMIN));
        assertThat(fixture.services.authenticate().authenticate(
                new AuthenticateUseCase.PasswordCredentials("admin", "a long admin password", ServiceFixture.ADDRESS)))
                .isInstanceOf(AuthenticateUseCase.Outcome.Authenticated.class);
    }

    @Test
    void nothingHappensOnceAnyAccountExists() {
        fixture.account("someone", "whatever-password");

        assertThat(fixture.services.bootstrapAdministrator().bootstrap(admin()))
                .isInstanceOf(Outcome.AccountsAlreadyExist.class);
        assertThat(fixture.accounts.loadByUsername(Username.of("admin"))).isEmpty();
    }

    @Test
    void theSecondStartDoesNotReplaceTheFirstAdministrator() {
        fixture.services.bootstrapAdministrator().bootstrap(admin());

        assertThat(fixture.services.bootstrapAdministrator().bootstrap(
                new BootstrapAdministratorCommand(Username.of("admin"), Password.chosen("another long password"))))
                .isInstanceOf(Outcome.AccountsAlreadyExist.class);
    }
}
