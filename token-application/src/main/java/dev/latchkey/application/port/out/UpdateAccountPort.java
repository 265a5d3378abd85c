package dev.latchkey.application.port.out;

import dev.latchkey.domain.Account;

public interface UpdateAccountPort {

    /** Replaces the stored account with this one, matched by id. */
    void update(Account account);
}
