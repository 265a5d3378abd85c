package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.BootstrapAdministratorUseCase;
import dev.latchkey.application.port.in.BootstrapAdministratorUseCase.BootstrapAdministratorCommand;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.PasswordPolicy;
import dev.latchkey.domain.Username;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first administrator of an empty installation from {@code LATCHKEY_BOOTSTRAP_ADMIN_USERNAME} and
 * {@code LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD} (Keycloak's convention), before the server accepts requests. Once any
 * account exists the variables are ignored, so leaving them set is harmless. The password is never logged.
 */
@Context
final class BootstrapAdministrator {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdministrator.class);
    static final String USERNAME_PROPERTY = "latchkey.bootstrap.admin.username";
    static final String PASSWORD_PROPERTY = "latchkey.bootstrap.admin.password";

    BootstrapAdministrator(BootstrapAdministratorUseCase bootstrap, PasswordPolicy passwords,
                           @Nullable @Value("${" + USERNAME_PROPERTY + ":}") String username,
                           @Nullable @Value("${" + PASSWORD_PROPERTY + ":}") String password) {
        boolean hasUsername = username != null && !username.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        if (!hasUsername && !hasPassword) {
            return;
        }
        if (hasUsername != hasPassword) {
            throw new ConfigurationException("Set both LATCHKEY_BOOTSTRAP_ADMIN_USERNAME and "
                    + "LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD, or neither.");
        }
        BootstrapAdministratorCommand command;
        try {
            command = new BootstrapAdministratorCommand(Username.of(username), passwords.accept(password));
        } catch (InvalidValueException invalid) {
            throw new ConfigurationException("The bootstrap administrator is invalid: " + invalid.getMessage());
        }
        BootstrapAdministratorUseCase.Outcome outcome = bootstrap.bootstrap(command);
        if (outcome instanceof BootstrapAdministratorUseCase.Outcome.Created created) {
            LOG.info("Created the bootstrap administrator '{}'", created.administrator().username());
        } else {
            LOG.info("Accounts already exist; the bootstrap administrator settings are ignored");
        }
    }
}
