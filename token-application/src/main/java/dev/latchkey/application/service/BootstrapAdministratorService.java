package dev.latchkey.application.service;

import dev.latchkey.application.port.in.BootstrapAdministratorUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Role;
import java.time.Clock;

final class BootstrapAdministratorService implements BootstrapAdministratorUseCase {

    private static final int ACCOUNT_ID_BYTES = 16;

    private final LoadAccountPort accounts;
    private final SaveAccountPort saveAccounts;
    private final PasswordHasherPort hasher;
    private final RandomnessPort randomness;
    private final Clock clock;

    BootstrapAdministratorService(LoadAccountPort accounts, SaveAccountPort saveAccounts, PasswordHasherPort hasher,
                                  RandomnessPort randomness, Clock clock) {
        this.accounts = accounts;
        this.saveAccounts = saveAccounts;
        this.hasher = hasher;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public Outcome bootstrap(BootstrapAdministratorCommand command) {
        if (accounts.anyAccountExists()) {
            return new Outcome.AccountsAlreadyExist();
        }
        Account administrator = Account.create(AccountId.fromRandomBytes(randomness.nextBytes(ACCOUNT_ID_BYTES)),
                command.username(), hasher.hash(command.password()), Role.ADMIN, clock.instant());
        // Two nodes starting together on an empty database may both get here; the unique username decides.
        return switch (saveAccounts.saveNew(administrator)) {
            case SAVED -> new Outcome.Created(administrator);
            case USERNAME_TAKEN -> new Outcome.AccountsAlreadyExist();
        };
    }
}
