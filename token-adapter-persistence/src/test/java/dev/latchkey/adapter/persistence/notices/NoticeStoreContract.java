package dev.latchkey.adapter.persistence.notices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.ExpiryScanPort;
import dev.latchkey.application.port.out.ExpiryScanPort.Cursor;
import dev.latchkey.application.port.out.MailOutboxPort;
import dev.latchkey.application.port.out.MailOutboxPort.QueuedMail;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expiry scan's cursors (each token passes each threshold once, whichever node holds the cursor) and the owners'
 * mail outbox (written with the audit entry, for an owner with an address who wants notices; one node sends each).
 */
abstract class NoticeStoreContract extends StoreContract {

    private ExpiryScanPort cursors;
    private MailOutboxPort mail;
    private RecordAuditEventPort audit;
    private TransactionPort transactions;
    private UpdateAccountPort accounts;

    @Override
    protected void configure(Map<String, Object> settings) {
        settings.put("latchkey.mail.host", "mail.example.com");
    }

    @BeforeAll
    void ports() {
        cursors = context.getBean(ExpiryScanPort.class);
        mail = context.getBean(MailOutboxPort.class);
        audit = context.getBean(RecordAuditEventPort.class);
        transactions = context.getBean(TransactionPort.class);
        accounts = context.getBean(UpdateAccountPort.class);
    }

    /** A threshold no other test uses, so that each test has cursors of its own. */
    private static Duration threshold() {
        return Duration.ofSeconds(1 + (RANDOM.nextInt(1_000_000)));
    }

    /** Tokens of a time no other test's tokens expire in. */
    private static Instant farAhead() {
        return NOW.plus(Duration.ofDays(3000 + RANDOM.nextInt(20_000)))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private List<TokenId> pass(Duration threshold, Instant edge, int limit) {
        return transactions.inTransaction(() -> {
            List<Token> passed = cursors.passedSince(cursors.lock(threshold), edge, limit);
            if (!passed.isEmpty()) {
                Token last = passed.get(passed.size() - 1);
                cursors.moveTo(threshold, Cursor.after(last.expiry().instant().orElseThrow(), last.id()));
            }
            return passed.stream().map(Token::id).toList();
        });
    }

    @Test
    void aCursorPassesEachTokenOnceInExpiryOrderFromWhereItBegan() {
        Duration threshold = threshold();
        Instant start = farAhead();
        Account owner = newAccount();
        Token before = newToken(owner, NOW, Expiry.at(start.minusSeconds(60)));
        Token twinA = newToken(owner, NOW, Expiry.at(start.plusSeconds(3600)));
        Token twinB = newToken(owner, NOW, Expiry.at(start.plusSeconds(3600)));
        Token later = newToken(owner, NOW, Expiry.at(start.plusSeconds(7200)));
        cursors.begin(threshold, start);
        cursors.begin(threshold, start.minusSeconds(86_400));

        List<TokenId> passed = new ArrayList<>(pass(threshold, start.plusSeconds(5400), 1));
        passed.addAll(pass(threshold, start.plusSeconds(5400), 1));
        assertThat(pass(threshold, start.plusSeconds(5400), 10)).isEmpty();
        assertThat(passed).containsExactlyInAnyOrder(twinA.id(), twinB.id()).doesNotContain(before.id());

        assertThat(pass(threshold, start.plusSeconds(7200), 10)).containsExactly(later.id());
        assertThat(pass(threshold, start.plusSeconds(99_999), 10)).isEmpty();
    }

    @Test
    void aSecondNodeWaitsForTheCursorAndSeesWhereTheFirstLeftIt() throws Exception {
        Duration threshold = threshold();
        Instant start = farAhead();
        Account owner = newAccount();
        Token only = newToken(owner, NOW, Expiry.at(start.plusSeconds(10)));
        cursors.begin(threshold, start);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<List<TokenId>> first = CompletableFuture.supplyAsync(() -> transactions.inTransaction(() -> {
            Cursor cursor = cursors.lock(threshold);
            locked.countDown();
            awaitOrFail(release);
            List<Token> passed = cursors.passedSince(cursor, start.plusSeconds(60), 10);
            cursors.moveTo(threshold, Cursor.after(passed.get(0).expiry().instant().orElseThrow(), passed.get(0).id()));
            return passed.stream().map(Token::id).toList();
        }));
        awaitOrFail(locked);
        CompletableFuture<List<TokenId>> second = CompletableFuture.supplyAsync(() ->
                pass(threshold, start.plusSeconds(60), 10));
        Thread.sleep(300);
        assertThat(second).isNotDone();
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly(only.id());
        assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    private Account withEmail(Account account, boolean notifications) {
        Account updated = account.withProfile(Optional.of(EmailAddress.of(account.username().value()
                + "@example.com")), Optional.empty(), Optional.empty()).withNotifications(notifications);
        accounts.update(updated);
        return updated;
    }

    private static AuditEvent revokedByAdministrator(Token token) {
        return AuditEvent.of(NOW, AuditEventType.TOKEN_REVOKED, Actor.operator(), Optional.of(token.owner()),
                Optional.of(token.id()), "reason=REQUESTED");
    }

    private List<QueuedMail> claim(String node, Instant at, Account... of) {
        List<dev.latchkey.domain.AccountId> ids = java.util.Arrays.stream(of).map(Account::id).toList();
        return mail.claimDue(node, at, at.plusSeconds(60), 10_000).stream()
                .filter(queued -> ids.contains(queued.event().account().orElseThrow())).toList();
    }

    @Test
    void mailIsQueuedWithTheEntryForAnOwnerWithAnAddressWhoWantsIt() {
        Account wants = withEmail(newAccount(), true);
        Account declined = withEmail(newAccount(), false);
        Account unreachable = newAccount();
        Token token = newToken(wants, NOW, Expiry.at(NOW.plusSeconds(86_400)));
        for (Account account : List.of(wants, declined, unreachable)) {
            Token owned = account == wants ? token : newToken(account, NOW, Expiry.at(NOW.plusSeconds(86_400)));
            audit.record(revokedByAdministrator(owned));
        }
        audit.record(AuditEvent.of(NOW, AuditEventType.ACCOUNT_CHANGED, Actor.operator(), Optional.of(wants.id()),
                Optional.empty(), "role=ADMIN"));

        List<QueuedMail> queued = claim("node-a", NOW, wants, declined, unreachable);

        assertThat(queued).singleElement().satisfies(mail -> {
            assertThat(mail.event()).isEqualTo(revokedByAdministrator(token));
            assertThat(mail.attempts()).isZero();
            assertThat(mail.firstAttemptAt()).isEmpty();
        });
        assertThat(claim("node-b", NOW, wants)).as("held by node-a").isEmpty();
        assertThat(claim("node-b", NOW.plusSeconds(61), wants)).as("node-a's claim lapsed").hasSize(1);
    }

    @Test
    void aMessageIsSentOnceRetriedWhenDueAndNeverAfterItsEnd() {
        Account owner = withEmail(newAccount(), true);
        Token first = newToken(owner, NOW, Expiry.at(NOW.plusSeconds(86_400)));
        Token second = newToken(owner, NOW, Expiry.at(NOW.plusSeconds(86_400)));
        Token third = newToken(owner, NOW, Expiry.at(NOW.plusSeconds(86_400)));
        for (Token token : List.of(first, second, third)) {
            audit.record(revokedByAdministrator(token));
        }
        List<QueuedMail> queued = claim("node-a", NOW, owner);
        assertThat(queued).hasSize(3);

        mail.sent(queued.get(0), NOW);
        mail.retry(queued.get(1), NOW, "421 busy", NOW.plusSeconds(5));
        mail.failed(queued.get(2), NOW, "550 no such user");

        assertThat(claim("node-b", NOW.plusSeconds(4), owner)).isEmpty();
        List<QueuedMail> retried = claim("node-b", NOW.plusSeconds(5), owner);
        assertThat(retried).singleElement().satisfies(mail -> {
            assertThat(mail.id()).isEqualTo(queued.get(1).id());
            assertThat(mail.attempts()).isEqualTo(1);
            assertThat(mail.firstAttemptAt()).contains(NOW);
        });
        mail.skipped(retried.get(0), "notices are off");
        assertThat(claim("node-c", NOW.plusSeconds(86_400), owner)).isEmpty();
    }

    @Test
    void finishedMailIsDeletedAfterTheRetentionAndWhatIsStillOwedIsKept() {
        Account owner = withEmail(newAccount(), true);
        List<QueuedMail> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            audit.record(revokedByAdministrator(newToken(owner, NOW, Expiry.at(NOW.plusSeconds(86_400)))));
        }
        queued.addAll(claim("node-a", NOW, owner));
        assertThat(queued).hasSize(3);
        mail.sent(queued.get(0), NOW.minus(Duration.ofDays(40)));
        mail.skipped(queued.get(1), "notices are off");
        mail.retry(queued.get(2), NOW.minus(Duration.ofDays(40)), "421 busy", NOW.minus(Duration.ofDays(39)));
        dev.latchkey.adapter.persistence.OutboxRetention retention =
                context.getBean(dev.latchkey.adapter.persistence.OutboxRetention.class);

        assertThat(retention.purgeFinishedBefore(NOW.minus(Duration.ofDays(30)))).as("the one sent 40 days ago")
                .isGreaterThanOrEqualTo(1);

        assertThat(claim("node-b", NOW, owner)).as("still owed, however old")
                .extracting(QueuedMail::id).containsExactly(queued.get(2).id());
        // The skipped one finished at its event's time, now: kept until it too is old.
        assertThat(retention.purgeFinishedBefore(NOW.plusSeconds(1))).isGreaterThanOrEqualTo(1);
    }
}
