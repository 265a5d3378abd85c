package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Consent;
import java.util.List;
import java.util.Optional;

/** Where the consents people gave clients are remembered: one per account and client. */
public interface ConsentPort {

    Optional<Consent> find(AccountId account, ClientId client);

    /** Stores the consent, replacing the account's earlier one for that client. */
    void save(Consent consent);

    /** Forgets the account's consent for the client; false if there was none. */
    boolean withdraw(AccountId account, ClientId client);

    /** The account's consents, by client id. */
    List<Consent> listFor(AccountId account);
}
