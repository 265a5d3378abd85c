package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.BackUpStoreUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.domain.PasswordPolicy;
import java.time.Clock;

/**
 * The use cases the commands drive, each named: the command line's whole dependency on the core, as the REST
 * adapter's is its controllers' constructors. The composition root gives an implementation that opens the store on
 * the first call, so that {@code --help}, {@code --version} and a misused command never touch a database.
 */
public interface OperatorUseCases {

    CreateAccountUseCase createAccount();

    ReadAccountsUseCase readAccounts();

    ChangeAccountUseCase changeAccount();

    DeleteAccountUseCase deleteAccount();

    RevokeAccountTokensUseCase revokeAccountTokens();

    AdministerPartnersUseCase partners();

    ListTokensUseCase tokens();

    ManagePoliciesUseCase policies();

    ReadAuditTrailUseCase auditTrail();

    /**
     * Refuses, with a {@link Refusal}, a configured store that is an embedded one not made yet: a command run outside
     * the directory the service runs in would otherwise make an empty store there and work on that (an export or a
     * migration would copy nothing, an account would be created where no service reads it). A database server's store
     * needs no such check: a missing one does not connect.
     */
    void requireStoreExists();

    MoveStoreUseCase moveStore();

    BackUpStoreUseCase backUpStore();

    /**
     * The same use case on another store, which is migrated to this version's schema if it is behind; closed with
     * this one.
     */
    MoveStoreUseCase moveStoreOn(String jdbcUrl, String username, String password);

    /** The configured password rules, which a password given at the command line meets as one given to the API. */
    PasswordPolicy passwordPolicy();

    /** The service's clock, from which durations ago ({@code --since P1D}) are counted. */
    Clock clock();
}
