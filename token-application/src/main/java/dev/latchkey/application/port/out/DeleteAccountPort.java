package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;

/** Removes accounts for good. */
public interface DeleteAccountPort {

    /**
     * Deletes an account and everything stored under it: its tokens (which the caller has revoked first) and its
     * rotation records. The audit trail keeps its events. Every node forgets the account and its tokens.
     */
    void delete(AccountId account);
}
