package dev.latchkey.application.port.out;

import dev.latchkey.domain.Account;

/** Writes changes to existing accounts: password, profile, role, enabled. */
public interface UpdateAccountPort {

    /** Replaces the stored account with this one, matched by id. */
    void update(Account account);
}
