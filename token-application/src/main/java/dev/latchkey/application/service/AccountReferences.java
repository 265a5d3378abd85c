package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.PartnerId;
import java.util.Optional;

/** What an account refers to, as the administration use cases check it before a change. */
final class AccountReferences {

    private AccountReferences() {
    }

    /** The partner named, if no partner has its id. */
    static Optional<PartnerId> unknownPartner(LoadPartnerPort partners, Optional<PartnerId> partner) {
        return partner.filter(id -> partners.loadById(id).isEmpty());
    }

    /** Whether the account is an OAuth client's service account, which only the client's own changes may touch. */
    static boolean isClientServiceAccount(LoadClientPort clients, Account account) {
        return clients.loadById(ClientId.of(account.id().toString())).isPresent();
    }
}
