package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.in.ChangeAccountUseCase.ChangeAccountCommand;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.SessionTimeouts;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInSessionsServiceTest {

    private static final SessionTimeouts TIMEOUTS = new SessionTimeouts(Duration.ofMinutes(15), Duration.ofHours(8));

    private final ServiceFixture fixture = new ServiceFixture();
    private final SignInSessionsUseCase sessions = fixture.services.signInSessions(TIMEOUTS);
    private final Account root = fixture.account("root", "root password", Role.ADMIN);
    private final Account alice = fixture.account("alice", "alice password");

    private SignInSessionsUseCase.Started signIn(Account account, String password) {
        AuthenticateUseCase.Outcome.Authenticated authenticated = (AuthenticateUseCase.Outcome.Authenticated)
                fixture.services.authenticate().authenticate(new AuthenticateUseCase.PasswordCredentials(
                        account.username().value(), password, ServiceFixture.ADDRESS));
        return sessions.start(authenticated.caller(), authenticated.passwordStamp());
    }

    @Test
    void aSessionIsStoredOnlyAsTheHashOfItsSecretAndResumedByTheSecret() {
        SignInSessionsUseCase.Started started = signIn(alice, "alice password");

        assertThat(started.secret()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(fixture.signInSessions.find(dev.latchkey.domain.SecretHash.of(started.secret()))).isPresent();
        assertThat(sessions.resume(started.secret())).map(SignInSessionsUseCase.Resumed::caller)
                .map(Caller::accountId).contains(alice.id());
        assertThat(sessions.resume(started.secret() + "x")).isEmpty();
        assertThat(started.toString()).doesNotContain(started.secret());
    }

    @Test
    void aSessionEndsWhenIdleAndAtItsLifetimeHoweverBusy() {
        SignInSessionsUseCase.Started idle = signIn(alice, "alice password");
        fixture.clock.advance(Duration.ofMinutes(15));
        assertThat(sessions.resume(idle.secret())).isEmpty();
        assertThat(fixture.signInSessions.count()).isZero();

        SignInSessionsUseCase.Started busy = signIn(alice, "alice password");
        for (int i = 0; i < 47; i++) {
            fixture.clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.resume(busy.secret())).as("after %d minutes", (i + 1) * 10).isPresent();
        }
        fixture.clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.resume(busy.secret())).as("after 8 hours").isEmpty();
    }

    @Test
    void aUseIsWrittenAtMostOnceAMinute() {
        SignInSessionsUseCase.Started started = signIn(alice, "alice password");
        for (int i = 0; i < 10; i++) {
            fixture.clock.advance(Duration.ofSeconds(10));
            sessions.resume(started.secret());
        }
        assertThat(fixture.signInSessions.seenRecorded).isEqualTo(1);
    }

    @Test
    void signingOutEndsOnlyThatSession() {
        SignInSessionsUseCase.Started first = signIn(alice, "alice password");
        SignInSessionsUseCase.Started second = signIn(alice, "alice password");

        sessions.end(first.secret());

        assertThat(sessions.resume(first.secret())).isEmpty();
        assertThat(sessions.resume(second.secret())).isPresent();
    }

    @Test
    void disablingResettingOrRevokingEverythingEndsTheAccountsSessionsAndNoOneElses() {
        SignInSessionsUseCase.Started rootSession = signIn(root, "root password");
        Caller administrator = ServiceFixture.byPassword(root);

        SignInSessionsUseCase.Started beforeReset = signIn(alice, "alice password");
        fixture.services.changeAccount().change(ChangeAccountCommand.of(administrator, alice.username(),
                new AccountEdit.ResetPassword(Password.chosen("a brand new password"))));
        assertThat(fixture.signInSessions.find(dev.latchkey.domain.SecretHash.of(beforeReset.secret()))).isEmpty();

        SignInSessionsUseCase.Started beforeRevokeAll = signIn(alice, "a brand new password");
        fixture.services.revokeToken().revokeAllOwn(ServiceFixture.byPassword(alice));
        assertThat(sessions.resume(beforeRevokeAll.secret())).isEmpty();

        SignInSessionsUseCase.Started beforeAdminRevoke = signIn(alice, "a brand new password");
        fixture.services.revokeAccountTokens().revokeAll(administrator, alice.username());
        assertThat(sessions.resume(beforeAdminRevoke.secret())).isEmpty();

        SignInSessionsUseCase.Started beforeDisable = signIn(alice, "a brand new password");
        fixture.services.changeAccount().change(ChangeAccountCommand.of(administrator, alice.username(),
                new AccountEdit.SetEnabled(false)));
        assertThat(fixture.signInSessions.find(dev.latchkey.domain.SecretHash.of(beforeDisable.secret()))).isEmpty();

        assertThat(sessions.resume(rootSession.secret())).isPresent();
    }

    @Test
    void aSessionWhosePasswordWasReplacedBehindItsBackEndsAtItsNextRequest() {
        SignInSessionsUseCase.Started started = signIn(alice, "alice password");
        // A password change that did not go through the administration use case (another node, an import):
        // the session's stamp no longer matches, so it ends anyway.
        fixture.accounts.update(fixture.accounts.loadById(alice.id()).orElseThrow()
                .withPasswordHash(fixture.hasher.hash(Password.chosen("changed elsewhere"))));

        assertThat(sessions.resume(started.secret())).isEmpty();
        assertThat(fixture.signInSessions.count()).isZero();
    }
}
