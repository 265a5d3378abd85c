package dev.latchkey.adapter.persistence.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts: stored, found by username whatever its case, and the administrators counted under lock. Each subclass
 * runs it against one real database, migrated by the same Flyway scripts the service uses.
 */
abstract class AccountStoreContract extends StoreContract {

    private AccountPersistenceAdapter accounts;

    @BeforeAll
    void adapters() {
        accounts = context.getBean(AccountPersistenceAdapter.class);
    }

    @Test
    void accountsRoundTripAndAreFoundByUsername() {
        Account account = newAccount();

        assertThat(accounts.loadById(account.id())).contains(account);
        assertThat(accounts.loadByUsername(account.username())).contains(account);
        assertThat(accounts.anyAccountExists()).isTrue();
    }

    @Test
    void aTakenUsernameIsReportedNotThrown() {
        Account account = newAccount();
        Account sameName = Account.create(AccountId.fromRandomBytes(random(16)), account.username(),
                account.passwordHash(), Role.ADMIN, NOW);

        assertThat(accounts.saveNew(sameName)).isEqualTo(SaveAccountPort.SaveOutcome.USERNAME_TAKEN);
        assertThat(accounts.loadByUsername(account.username())).contains(account);
    }

    /**
     * Two administrators demoting each other at once: each change locks the enabled administrators before it counts
     * them, so the second waits for the first to commit and then counts what it left, and cannot take the last one.
     */
    @Test
    void changesThatLockTheAdministratorsRunOneAfterTheOtherAndTheSecondCountsWhatTheFirstLeft() throws Exception {
        Account first = newAccount().changeRole(Role.ADMIN).account();
        Account second = newAccount().changeRole(Role.ADMIN).account();
        accounts.update(first);
        accounts.update(second);
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);
        java.util.concurrent.CountDownLatch firstLocked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstMayCommit = new java.util.concurrent.CountDownLatch(1);
        ExecutorService changes = Executors.newFixedThreadPool(2);
        try {
            Future<Long> firstCount = changes.submit(() -> transactions.inTransaction(() -> {
                long counted = accounts.lockEnabledAdministrators();
                accounts.update(first.disable().account());
                firstLocked.countDown();
                awaitOrFail(firstMayCommit);
                return counted;
            }));
            awaitOrFail(firstLocked);
            Future<Long> secondCount = changes.submit(() -> transactions.inTransaction(
                    accounts::lockEnabledAdministrators));
            Thread.sleep(300);
            assertThat(secondCount.isDone()).as("the second waits for the first's locks").isFalse();
            firstMayCommit.countDown();

            long counted = firstCount.get(30, TimeUnit.SECONDS);
            assertThat(counted).isGreaterThanOrEqualTo(2);
            assertThat(secondCount.get(30, TimeUnit.SECONDS)).isEqualTo(counted - 1);
        } finally {
            changes.shutdownNow();
        }
    }

    @Test
    void usernamesAreOneAccountWhateverTheirCase() {
        String suffix = java.util.HexFormat.of().formatHex(random(4));
        Account mixed = Account.create(AccountId.fromRandomBytes(random(16)), Username.of("Mixed.Case-" + suffix),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);
        Account shouting = Account.create(AccountId.fromRandomBytes(random(16)), Username.of("MIXED.CASE-" + suffix),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);

        assertThat(accounts.saveNew(mixed)).isEqualTo(SaveAccountPort.SaveOutcome.SAVED);
        assertThat(accounts.saveNew(shouting)).isEqualTo(SaveAccountPort.SaveOutcome.USERNAME_TAKEN);
        assertThat(accounts.loadByUsername(Username.of("mixed.case-" + suffix))).get()
                .satisfies(found -> assertThat(found.username().value()).as("kept as spelt")
                        .isEqualTo("Mixed.Case-" + suffix));
    }
}
