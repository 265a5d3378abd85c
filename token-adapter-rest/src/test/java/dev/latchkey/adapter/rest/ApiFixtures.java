package dev.latchkey.adapter.rest;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenSecret;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/** The accounts and tokens the API tests answer with, and logins that know only them. */
public final class ApiFixtures {

    public static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    public static final Account ALICE = Account.create(new AccountId(UUID.randomUUID()), dev.latchkey.domain.Username
                    .of("alice"), new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"),
            Role.USER, NOW).withProfile(Optional.of(EmailAddress.of("alice@example.com")),
            Optional.of(Organization.of("Blue")), Optional.empty());
    public static final Caller ALICE_CALLER = Caller.byPassword(ALICE.id(), ALICE.username(), ALICE.role());

    private ApiFixtures() {
    }

    /** A token of Alice's that expires at the given instant, or never. */
    public static Token token(Optional<Instant> expiresAt) {
        return Token.issue(TokenAttributes.personal(new TokenId(UUID.randomUUID()), ALICE.id(),
                TokenDescription.of("dialect"), Scopes.none(), expiresAt.map(Expiry::at).orElse(Expiry.never())), NOW,
                TokenSecret.fromRandomBytes(new byte[32]).hash()).token();
    }

    /** Root, an administrator: signs in with {@code root-password} once {@link #andAdministrator} is called. */
    public static final Caller ROOT = Caller.byPassword(new AccountId(UUID.randomUUID()),
            dev.latchkey.domain.Username.of("root"), Role.ADMIN);
    public static final String ROOT_BASIC = ApiCalls.basic("root", "root-password");
    public static final String ALICE_BASIC = ApiCalls.basic("alice", "alice-password");

    /** Only alice, with her password, from loopback; everyone and every token else is refused. */
    public static void aliceAlone(AuthenticateUseCase authenticate) {
        when(authenticate.authenticate(any(AuthenticateUseCase.PasswordCredentials.class)))
                .thenReturn(new AuthenticateUseCase.Outcome.Refused(AuthenticateUseCase.Reason.BAD_CREDENTIALS));
        when(authenticate.authenticate(new AuthenticateUseCase.PasswordCredentials("alice", "alice-password",
                "127.0.0.1"))).thenReturn(new AuthenticateUseCase.Outcome.Authenticated(ALICE_CALLER, "stamp"));
        when(authenticate.authenticate(any(AuthenticateUseCase.PresentedToken.class)))
                .thenReturn(new AuthenticateUseCase.Outcome.Refused(AuthenticateUseCase.Reason.UNKNOWN_TOKEN));
    }

    /** Alice as above, and root, an administrator, with his password. */
    public static void andAdministrator(AuthenticateUseCase authenticate) {
        aliceAlone(authenticate);
        when(authenticate.authenticate(new AuthenticateUseCase.PasswordCredentials("root", "root-password",
                "127.0.0.1"))).thenReturn(new AuthenticateUseCase.Outcome.Authenticated(ROOT, "stamp"));
    }
}
