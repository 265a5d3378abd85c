package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.AnnounceExpiriesUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.DeliverMailUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase.RevokeTokenCommand;
import dev.latchkey.application.port.out.MailSenderPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.ExpiryNotices;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The expiry scan announces each threshold once, on any number of nodes; owners get mail only where it is wanted. */
class NoticesTest {

    private static final ExpiryNotices WARNINGS = ExpiryNotices.warningAt(List.of(Duration.ofDays(7),
            Duration.ofDays(1)));

    private final ServiceFixture fixture = new ServiceFixture();
    private final Account aliceAccount = withEmail(fixture.account("alice", "alice-password"), "alice@example.com");
    private final Caller alice = ServiceFixture.byPassword(aliceAccount);
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final AnnounceExpiriesUseCase node1 = fixture.services.announceExpiries(WARNINGS);
    private final AnnounceExpiriesUseCase node2 = fixture.services.announceExpiries(WARNINGS);
    private final DeliverMailUseCase mail = fixture.services.deliverMail();

    private Account withEmail(Account account, String email) {
        Account updated = account.withProfile(Optional.of(EmailAddress.of(email)), Optional.empty(), Optional.empty());
        fixture.accounts.update(updated);
        return updated;
    }

    private IssueTokenUseCase.Outcome.Issued issue(Duration lifetime) {
        return fixture.issue(alice, Optional.of(Lifetime.of(lifetime)), Scopes.of("read"));
    }

    private List<String> announced() {
        return fixture.events.recorded.stream().filter(event -> event.type() == AuditEventType.TOKEN_EXPIRING
                || event.type() == AuditEventType.TOKEN_EXPIRED).map(event -> event.type().wireName() + " "
                + event.detail().split(" ")[0]).toList();
    }

    @Test
    void eachThresholdIsAnnouncedOnceWhicheverNodeScans() {
        node1.scan();
        issue(Duration.ofDays(30));

        fixture.clock.advance(Duration.ofDays(23).plusSeconds(1));
        assertThat(node1.scan()).isEqualTo(1);
        assertThat(node2.scan()).isZero();
        fixture.clock.advance(Duration.ofDays(6));
        assertThat(node2.scan()).isEqualTo(1);
        assertThat(node1.scan()).isZero();
        fixture.clock.advance(Duration.ofDays(1));
        assertThat(node1.scan() + node2.scan()).isEqualTo(1);
        fixture.clock.advance(Duration.ofDays(30));
        assertThat(node1.scan() + node2.scan()).isZero();

        assertThat(announced()).containsExactly("token.expiring warning=7d", "token.expiring warning=1d",
                "token.expired expires=" + ServiceFixture.START.plus(Duration.ofDays(30)));
    }

    @Test
    void aTokenBornInsideAThresholdIsWarnedOnlyAtTheNarrowerOnes() {
        node1.scan();
        issue(Duration.ofDays(3));

        fixture.clock.advance(Duration.ofDays(2).plusSeconds(1));
        node1.scan();
        fixture.clock.advance(Duration.ofDays(1));
        node1.scan();

        assertThat(announced()).containsExactly("token.expiring warning=1d",
                "token.expired expires=" + ServiceFixture.START.plus(Duration.ofDays(3)));
    }

    @Test
    void aScanThatFallsBehindWarnsOnceAtTheNarrowestThresholdPassed() {
        node1.scan();
        issue(Duration.ofDays(30));

        fixture.clock.advance(Duration.ofDays(29).plusSeconds(1));
        node1.scan();

        assertThat(announced()).containsExactly("token.expiring warning=1d");
    }

    @Test
    void aScanThatFallsBehindCatchesUpWithoutWarningOfWhatAlreadyExpired() {
        node1.scan();
        for (int i = 0; i < AnnounceExpiriesService.PAGE + 5; i++) {
            issue(Duration.ofDays(10));
        }

        fixture.clock.advance(Duration.ofDays(11));
        node1.scan();

        assertThat(announced()).hasSize(AnnounceExpiriesService.PAGE + 5)
                .allMatch(line -> line.startsWith("token.expired"));
    }

    @Test
    void aRevokedTokenIsNeitherWarnedNorAnnouncedExpired() {
        node1.scan();
        IssueTokenUseCase.Outcome.Issued issued = issue(Duration.ofDays(30));
        fixture.services.revokeToken().revoke(new RevokeTokenCommand(alice, issued.token().id(),
                RevocationReason.REQUESTED));

        fixture.clock.advance(Duration.ofDays(31));
        node1.scan();

        assertThat(announced()).isEmpty();
    }

    @Test
    void theOwnerIsMailedAboutAnExpiringTokenWithItsDescriptionAndNoSecret() {
        node1.scan();
        IssueTokenUseCase.Outcome.Issued issued = issue(Duration.ofDays(30));
        fixture.clock.advance(Duration.ofDays(23).plusSeconds(1));
        node1.scan();
        fixture.notices.queueMailFor(fixture.events.recorded);

        assertThat(mail.sendDue(10)).isEqualTo(1);

        InMemoryNotices.Sent sent = fixture.notices.relayed.get(0);
        assertThat(sent.to()).isEqualTo(EmailAddress.of("alice@example.com"));
        assertThat(sent.mail().subject()).isEqualTo("Your Latchkey token \"test\" expires on 2026-05-31 12:00 UTC");
        assertThat(sent.mail().body()).contains("Hello alice", issued.token().id().toString(), "within 7d",
                "in 7 days", "Scopes: read", "https://latchkey.example/console/tokens", "\"notifications\": false")
                .doesNotContain(issued.credential());
        assertThat(mail.sendDue(10)).isZero();
    }

    @Test
    void aRevocationIsMailedOnlyWhenSomeoneElseMadeIt() {
        IssueTokenUseCase.Outcome.Issued own = issue(Duration.ofDays(30));
        IssueTokenUseCase.Outcome.Issued other = issue(Duration.ofDays(30));
        fixture.services.revokeToken().revoke(new RevokeTokenCommand(alice, own.token().id(),
                RevocationReason.REQUESTED));
        fixture.services.revokeAccountTokens().revoke(root, aliceAccount.username(), other.token().id());
        fixture.notices.queueMailFor(fixture.events.recorded);

        assertThat(mail.sendDue(10)).isEqualTo(1);

        assertThat(fixture.notices.relayed).singleElement().satisfies(sent -> {
            assertThat(sent.mail().subject()).isEqualTo("Your Latchkey token \"test\" was revoked");
            assertThat(sent.mail().body()).contains("revoked by root", other.token().id().toString());
        });
        assertThat(fixture.notices.outbox).extracting(row -> row.state + " " + row.why)
                .contains("SKIPPED nothing to tell the owner", "SENT ");
    }

    @Test
    void anOwnerWhoTurnedNoticesOffOrHasNoAddressGetsNone() {
        Caller bob = ServiceFixture.byPassword(fixture.account("bob", "bob-password"));
        fixture.issue(bob, Optional.of(Lifetime.of(Duration.ofDays(30))), Scopes.of("read"));
        assertThat(fixture.services.ownAccount().setNotifications(alice, false)).map(Account::notifications)
                .contains(false);
        issue(Duration.ofDays(30));
        node1.scan();
        fixture.clock.advance(Duration.ofDays(29).plusSeconds(1));
        node1.scan();
        fixture.notices.queueMailFor(fixture.events.recorded);

        assertThat(mail.sendDue(10)).isZero();

        assertThat(fixture.notices.relayed).isEmpty();
        assertThat(fixture.notices.outbox).extracting(row -> row.state + " " + row.why).containsExactlyInAnyOrder(
                "SKIPPED the account has no e-mail address", "SKIPPED notices are off");
        AuditEvent change = fixture.events.recorded.stream()
                .filter(event -> event.type() == AuditEventType.ACCOUNT_CHANGED).findFirst().orElseThrow();
        assertThat(change.detail()).isEqualTo("notifications=false");
        assertThat(change.actor().accountId()).contains(aliceAccount.id());
    }

    @Test
    void aRelayThatFailsIsTriedAgainLaterAndOneThatRefusesForGoodIsNot() {
        IssueTokenUseCase.Outcome.Issued first = issue(Duration.ofDays(30));
        IssueTokenUseCase.Outcome.Issued second = issue(Duration.ofDays(30));
        fixture.services.revokeAccountTokens().revoke(root, aliceAccount.username(), first.token().id());
        fixture.notices.queueMailFor(fixture.events.recorded);
        fixture.notices.relay = sent -> new MailSenderPort.Result.Failed("421 try later", false);

        assertThat(mail.sendDue(10)).isZero();
        assertThat(mail.sendDue(10)).isZero();
        InMemoryNotices.Row row = fixture.notices.outbox.get(0);
        assertThat(row.state).isEqualTo("PENDING");
        assertThat(Duration.between(fixture.clock.instant(), row.nextAttemptAt)).isBetween(Duration.ofSeconds(4),
                Duration.ofSeconds(6));

        fixture.clock.advance(Duration.ofSeconds(6));
        fixture.notices.relay = sent -> new MailSenderPort.Result.Sent();
        assertThat(mail.sendDue(10)).isEqualTo(1);
        assertThat(row.state).isEqualTo("SENT");
        assertThat(row.attempts).isEqualTo(2);

        fixture.services.revokeAccountTokens().revoke(root, aliceAccount.username(), second.token().id());
        fixture.notices.queueMailFor(fixture.events.recorded.subList(fixture.events.recorded.size() - 1,
                fixture.events.recorded.size()));
        fixture.notices.relay = sent -> new MailSenderPort.Result.Failed("550 no such user", true);
        assertThat(mail.sendDue(10)).isZero();
        assertThat(fixture.notices.outbox.get(1).state).isEqualTo("FAILED");
    }

    @Test
    void aLeakAndARefreshTokensReuseAreMailedWithoutASecret() {
        IssueTokenUseCase.Outcome.Issued leaked = issue(Duration.ofDays(30));
        fixture.notices.queueMailFor(List.of(
                AuditEvent.of(fixture.clock.instant(), AuditEventType.TOKEN_LEAKED, dev.latchkey.domain.Actor.system(),
                        Optional.of(aliceAccount.id()), Optional.of(leaked.token().id()),
                        "source=github type=latchkey_token url=https://github.com/acme/app/blob/main/.env"),
                AuditEvent.of(fixture.clock.instant(), AuditEventType.TOKEN_REVOKED,
                        dev.latchkey.domain.Actor.system(), Optional.of(aliceAccount.id()),
                        Optional.of(leaked.token().id()), "reason=LEAKED"),
                AuditEvent.of(fixture.clock.instant(), AuditEventType.REFRESH_TOKEN_REUSED,
                        dev.latchkey.domain.Actor.anonymous("192.0.2.7"), Optional.of(aliceAccount.id()),
                        Optional.of(leaked.token().id()), "grant=g-1")));

        assertThat(mail.sendDue(10)).isEqualTo(2);

        assertThat(fixture.notices.relayed).extracting(sent -> sent.mail().subject()).containsExactly(
                "Your Latchkey token \"test\" was found leaked and revoked",
                "An app's access to your Latchkey account was revoked");
        assertThat(fixture.notices.relayed.get(0).mail().body()).contains("Found by: github",
                "Where: https://github.com/acme/app/blob/main/.env", leaked.token().id().toString());
        assertThat(fixture.notices.relayed).allSatisfy(sent ->
                assertThat(sent.mail().body()).doesNotContain(leaked.credential()));
        assertThat(fixture.notices.outbox.get(1).why).as("the leak's own mail tells of the revocation")
                .isEqualTo("nothing to tell the owner");
    }
}
