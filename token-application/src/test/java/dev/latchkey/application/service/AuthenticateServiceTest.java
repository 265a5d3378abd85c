package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase.Outcome;
import dev.latchkey.application.port.in.AuthenticateUseCase.PasswordCredentials;
import dev.latchkey.application.port.in.AuthenticateUseCase.PresentedToken;
import dev.latchkey.application.port.in.AuthenticateUseCase.Reason;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticateServiceTest {

    private final ServiceFixture fixture = new ServiceFixture();
    private final Account alice = fixture.account("alice", "alice-password");
    private final AuthenticateUseCase authenticate = fixture.services.authenticate();

    @Test
    void theRightPasswordAuthenticatesTheAccount() {
        Outcome outcome = authenticate.authenticate(new PasswordCredentials("alice", "alice-password", ServiceFixture.ADDRESS));

        assertThat(outcome).isEqualTo(new Outcome.Authenticated(ServiceFixture.byPassword(alice),
                alice.passwordHash().stamp()));
    }

    @Test
    void aSessionIsConfirmedWhileItsAccountIsEnabledWithTheRoleItHasNow() {
        String stamp = alice.passwordHash().stamp();
        assertThat(authenticate.confirm(alice.id(), stamp))
                .isEqualTo(new Outcome.Authenticated(ServiceFixture.byPassword(alice), stamp));

        Account promoted = new Account(alice.id(), alice.username(), alice.passwordHash(), Role.ADMIN, true,
                alice.createdAt(), alice.email(), alice.organization(), alice.partner(), true);
        fixture.accounts.update(promoted);
        assertThat(authenticate.confirm(alice.id(), stamp)).isEqualTo(new Outcome.Authenticated(
                ServiceFixture.byPassword(promoted), stamp));

        fixture.accounts.update(new Account(alice.id(), alice.username(), alice.passwordHash(), Role.ADMIN, false,
                alice.createdAt(), alice.email(), alice.organization(), alice.partner(), true));
        assertThat(authenticate.confirm(alice.id(), stamp)).isEqualTo(new Outcome.Refused(Reason.ACCOUNT_DISABLED));
        assertThat(authenticate.confirm(new AccountId(java.util.UUID.randomUUID()), stamp))
                .isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
    }

    @Test
    void aSessionEndsWhenItsPasswordIsReset() {
        String stamp = alice.passwordHash().stamp();
        fixture.accounts.update(alice.withPasswordHash(fixture.hasher.hash(Password.presented("a new password"))));

        assertThat(authenticate.confirm(alice.id(), stamp)).isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThat(authenticate.authenticate(new PasswordCredentials("alice", "wrong", ServiceFixture.ADDRESS)))
                .isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
    }

    @Test
    void anUnknownUsernameCostsAPasswordCheckAllTheSame() {
        int before = fixture.hasher.verifications.get();

        Outcome outcome = authenticate.authenticate(new PasswordCredentials("mallory", "guess", ServiceFixture.ADDRESS));

        assertThat(outcome).isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
        assertThat(fixture.hasher.verifications.get()).isEqualTo(before + 1);
    }

    @Test
    void malformedUsernamesAndEmptyPasswordsAreRefusedNotThrown() {
        assertThat(authenticate.authenticate(new PasswordCredentials("has space", "x", ServiceFixture.ADDRESS)))
                .isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
        assertThat(authenticate.authenticate(new PasswordCredentials("alice", "", ServiceFixture.ADDRESS)))
                .isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
    }

    @Test
    void aValidTokenAuthenticatesItsOwnerAndRecordsTheUse() {
        IssueTokenUseCase.Outcome.Issued issued =
                fixture.issue(ServiceFixture.byPassword(alice), Optional.empty(), Scopes.none());
        fixture.clock.advance(Duration.ofMinutes(5));

        Outcome outcome = authenticate.authenticate(new PresentedToken(issued.credential()));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Authenticated.class, authenticated ->
                assertThat(authenticated.caller().presentedToken()).contains(issued.token().id()));
        assertThat(fixture.tokens.loadById(issued.token().id()).orElseThrow().lastUsedAt())
                .contains(ServiceFixture.START.plus(Duration.ofMinutes(5)));
        assertThat(fixture.events.counted).last().extracting(AuditEvent::type).isEqualTo(AuditEventType.TOKEN_USED);
    }

    @Test
    void garbageIsRefusedAsMalformedWithoutALookup() {
        assertThat(authenticate.authenticate(new PresentedToken("lk_not-a-token")))
                .isEqualTo(new Outcome.Refused(Reason.MALFORMED_TOKEN));
    }

    @Test
    void aWellFormedButUnknownTokenIsRefused() {
        String unknown = dev.latchkey.domain.TokenSecret.fromRandomBytes(new byte[32]).reveal();

        assertThat(authenticate.authenticate(new PresentedToken(unknown)))
                .isEqualTo(new Outcome.Refused(Reason.UNKNOWN_TOKEN));
    }

    @Test
    void anExpiredTokenIsRefused() {
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(ServiceFixture.byPassword(alice),
                Optional.of(Lifetime.fromSeconds(60)), Scopes.none());
        fixture.clock.advance(Duration.ofSeconds(60));

        assertThat(authenticate.authenticate(new PresentedToken(issued.credential())))
                .isEqualTo(new Outcome.Refused(Reason.TOKEN_EXPIRED));
    }

    @Test
    void aRevokedTokenIsRefused() {
        Caller caller = ServiceFixture.byPassword(alice);
        IssueTokenUseCase.Outcome.Issued issued = fixture.issue(caller, Optional.empty(), Scopes.none());
        fixture.services.revokeToken().revoke(
                new RevokeTokenUseCase.RevokeTokenCommand(caller, issued.token().id(), RevocationReason.REQUESTED));

        assertThat(authenticate.authenticate(new PresentedToken(issued.credential())))
                .isEqualTo(new Outcome.Refused(Reason.TOKEN_REVOKED));
    }

    @Test
    void aDisabledAccountIsRefusedOnlyAfterItsPasswordChecksOut() {
        fixture.accounts.saveNew(Account.create(dev.latchkey.domain.AccountId.fromRandomBytes(new byte[16]),
                dev.latchkey.domain.Username.of("bob"), fixture.hasher.hash(dev.latchkey.domain.Password.presented(
                        "bob-password")), dev.latchkey.domain.Role.USER, ServiceFixture.START).withEnabled(false));

        assertThat(authenticate.authenticate(new PasswordCredentials("bob", "bob-password", ServiceFixture.ADDRESS)))
                .isEqualTo(new Outcome.Refused(Reason.ACCOUNT_DISABLED));
        assertThat(authenticate.authenticate(new PasswordCredentials("bob", "wrong", ServiceFixture.ADDRESS)))
                .isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
    }

    @Test
    void credentialsNeverShowInToString() {
        assertThat(new PasswordCredentials("alice", "s3cret-value", ServiceFixture.ADDRESS).toString()).doesNotContain("s3cret-value");
        assertThat(new PresentedToken("lk_abc").toString()).doesNotContain("lk_abc");
    }

    @Test
    void onceTheUsernamesAllowanceIsSpentEvenTheRightPasswordIsNotChecked() {
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(authenticate.authenticate(new PasswordCredentials("alice", "guess " + attempt,
                    ServiceFixture.ADDRESS))).isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
        }
        int hashesBefore = fixture.hasher.verifications.get();

        assertThatThrownBy(() -> authenticate.authenticate(
                new PasswordCredentials("alice", "alice-password", ServiceFixture.ADDRESS)))
                .isInstanceOf(TooManyLoginAttemptsException.class)
                .hasMessageNotContaining("alice-password");
        assertThat(fixture.hasher.verifications.get()).isEqualTo(hashesBefore);
        assertThat(fixture.events.counted).filteredOn(event -> event.type() == AuditEventType.LOGIN_LIMITED)
                .singleElement().satisfies(event -> {
                    assertThat(event.detail()).isEqualTo("username=alice");
                    assertThat(event.actor()).isEqualTo(Actor.anonymous(ServiceFixture.ADDRESS));
                });
    }

    @Test
    void everySpellingOfAUsernameCountsAgainstOneAllowance() {
        for (int attempt = 0; attempt < 10; attempt++) {
            String spelling = attempt % 2 == 0 ? "ALICE" : "Alice";
            authenticate.authenticate(new PasswordCredentials(spelling, "guess", "198.51.100." + attempt));
        }

        assertThatThrownBy(() -> authenticate.authenticate(
                new PasswordCredentials("alice", "alice-password", "203.0.113.9")))
                .isInstanceOf(TooManyLoginAttemptsException.class);
    }

    @Test
    void oneAddressSprayingManyUsernamesIsLimitedByItsOwnAllowance() {
        ServiceFixture sprayed = new ServiceFixture(1000, 5);
        AuthenticateUseCase authenticateSprayed = sprayed.services.authenticate();
        for (int username = 0; username < 5; username++) {
            authenticateSprayed.authenticate(new PasswordCredentials("user" + username, "guess", "198.51.100.7"));
        }

        assertThatThrownBy(() -> authenticateSprayed.authenticate(
                new PasswordCredentials("someone-else", "guess", "198.51.100.7")))
                .isInstanceOf(TooManyLoginAttemptsException.class);
        assertThat(authenticateSprayed.authenticate(new PasswordCredentials("someone-else", "guess",
                "198.51.100.8"))).isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
    }

    @Test
    void anUnknownUsernameIsLimitedExactlyLikeAKnownOne() {
        for (String username : new String[] {"alice", "mallory"}) {
            for (int attempt = 0; attempt < 10; attempt++) {
                assertThat(authenticate.authenticate(new PasswordCredentials(username, "guess",
                        ServiceFixture.ADDRESS))).isEqualTo(new Outcome.Refused(Reason.BAD_CREDENTIALS));
            }
            assertThatThrownBy(() -> authenticate.authenticate(
                    new PasswordCredentials(username, "guess", ServiceFixture.ADDRESS)))
                    .isInstanceOf(TooManyLoginAttemptsException.class);
        }
    }

    @Test
    void successfulLoginsDoNotCountAsFailures() {
        for (int login = 0; login < 25; login++) {
            assertThat(authenticate.authenticate(new PasswordCredentials("alice", "alice-password",
                    ServiceFixture.ADDRESS))).isInstanceOf(Outcome.Authenticated.class);
        }
    }

    @Test
    void anAdministratorsUnlockEndsTheLockAtOnce() {
        Account root = fixture.account("root", "root-password", dev.latchkey.domain.Role.ADMIN);
        for (int attempt = 0; attempt < 10; attempt++) {
            authenticate.authenticate(new PasswordCredentials("alice", "guess", ServiceFixture.ADDRESS));
        }

        assertThat(fixture.services.unlockAccount().unlock(ServiceFixture.byPassword(root), alice.username()))
                .map(Account::id).contains(alice.id());
        assertThat(authenticate.authenticate(new PasswordCredentials("alice", "alice-password",
                ServiceFixture.ADDRESS))).isInstanceOf(Outcome.Authenticated.class);
    }

    @Test
    void onlyAnAdministratorMayUnlock() {
        assertThatThrownBy(() -> fixture.services.unlockAccount().unlock(ServiceFixture.byPassword(alice),
                alice.username())).isInstanceOf(dev.latchkey.application.port.in.NotAnAdministratorException.class);
    }

    @Test
    void refusedLoginsAreReportedWithUsernameAndAddressButNeverThePassword() {
        authenticate.authenticate(new PasswordCredentials("alice", "wrong-password-x", ServiceFixture.ADDRESS));
        authenticate.authenticate(new PasswordCredentials("mallory", "wrong-password-y", ServiceFixture.ADDRESS));

        assertThat(fixture.loginAudit.lines).containsExactly(
                "refused alice from 192.0.2.1: BAD_CREDENTIALS",
                "refused mallory from 192.0.2.1: BAD_CREDENTIALS");
    }
}
