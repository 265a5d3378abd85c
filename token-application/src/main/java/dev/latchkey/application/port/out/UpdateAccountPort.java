package dev.latchkey.application.port.out;

import dev.latchkey.domain.Account;

/** Writes changes to existing accounts: password, profile, role, enabled. */
public interface UpdateAccountPort {

    /** Replaces the stored account with this one, matched by id. */
    void update(Account account);

    /**
     * Locks the row of every enabled administrator until the enclosing transaction ends, and counts them. Called in
     * a transaction before a change that may take an administrator away, it makes two such changes run one after the
     * other, so that the second counts what the first left.
     */
    long lockEnabledAdministrators();
}
