package dev.latchkey.adapter.persistence.consents;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Consent;
import dev.latchkey.domain.Scopes;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code consent}; its key is the account and the client together, so it is read by queries only. */
record ConsentRow(UUID accountId, String clientId, String scopes, Instant grantedAt) {

    Consent toDomain() {
        return new Consent(new AccountId(accountId), ClientId.of(clientId), Scopes.parseSpaceDelimited(scopes),
                grantedAt);
    }
}
