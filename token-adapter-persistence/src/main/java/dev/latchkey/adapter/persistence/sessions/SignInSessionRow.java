package dev.latchkey.adapter.persistence.sessions;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.SignInSession;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity("sign_in_session")
record SignInSessionRow(@Id String idHash, UUID accountId, String passwordStamp, Instant signedInAt,
                        Instant lastSeenAt) {

    static SignInSessionRow of(SignInSession session) {
        return new SignInSessionRow(session.id().toHex(), session.account().value(), session.passwordStamp(),
                session.signedInAt(), session.lastSeenAt());
    }

    SignInSession toDomain() {
        return new SignInSession(SecretHash.fromHex(idHash), new AccountId(accountId), passwordStamp, signedInAt,
                lastSeenAt);
    }
}
