package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadTokenPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.LoadAuditEventsPort;
import dev.latchkey.application.port.out.SigningKeyPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort.ConsumptionWrite;
import dev.latchkey.application.port.out.UpdateTokenStatePort.RevocationWrite;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Rotation;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.Username;
import io.micronaut.context.ApplicationContext;
import dev.latchkey.application.port.out.LoginLimitPort;
import io.github.bucket4j.TimeMeter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.application.port.out.LoadPolicyPort;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every database behind the persistence adapter must do. Each subclass runs it against one real database,
 * migrated by the same Flyway scripts the service uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PersistenceContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    // Databases keep microseconds; the domain must round-trip exactly, so tests use what the column can hold.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final dev.latchkey.domain.SessionTimeouts SESSION_TIMEOUTS =
            new dev.latchkey.domain.SessionTimeouts(Duration.ofMinutes(15), Duration.ofHours(8));

    private ApplicationContext context;
    private Map<String, Object> properties;
    protected TokenPersistenceAdapter tokens;
    protected AccountPersistenceAdapter accounts;
    protected OAuthClientPersistenceAdapter clients;
    protected RotationLedgerAdapter rotations;
    protected HmacSecretDerivation derivation;
    protected PartnerPersistenceAdapter partners;
    protected TokenUses uses;
    protected AuditTrailAdapter audit;

    private TestDatabase database;

    /** The database under test. */
    protected abstract TestDatabase database();

    @BeforeAll
    void startContext() {
        database = database();
        properties = new HashMap<>(database.start());
        properties.put("flyway.datasources.default.enabled", true);
        // The tests flush uses themselves, to see exactly what each flush writes.
        properties.put("latchkey.usage.flush-interval", "1h");
        properties.put("latchkey.audit.count-interval", "1h");
        // What bootstrap configures: the sweep of sign-in sessions needs the timeouts.
        context = ApplicationContext.builder().properties(properties).singletons(SESSION_TIMEOUTS).start();
        tokens = context.getBean(TokenPersistenceAdapter.class);
        clients = context.getBean(OAuthClientPersistenceAdapter.class);
        rotations = context.getBean(RotationLedgerAdapter.class);
        derivation = context.getBean(HmacSecretDerivation.class);
        partners = context.getBean(PartnerPersistenceAdapter.class);
        accounts = context.getBean(AccountPersistenceAdapter.class);
        uses = context.getBean(TokenUses.class);
        audit = context.getBean(AuditTrailAdapter.class);
    }

    @AfterAll
    void stopContext() throws Exception {
        if (context != null) {
            context.close();
        }
        database.close();
    }

    private static byte[] random(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    protected Account newAccount() {
        Account account = Account.create(AccountId.fromRandomBytes(random(16)),
                Username.of("user-" + AccountId.fromRandomBytes(random(16)).value().toString().substring(0, 8)),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);
        assertThat(accounts.saveNew(account)).isEqualTo(SaveAccountPort.SaveOutcome.SAVED);
        return account;
    }

    protected Token newToken(Account owner, Instant createdAt, Expiry expiry) {
        return save(TokenAttributes.personal(TokenId.fromRandomBytes(random(16)), owner.id(),
                TokenDescription.of("für CI ✓"), Scopes.of("read", "write:tokens"), expiry), createdAt);
    }

    protected Token newRefreshToken(Account owner, GrantId grant) {
        return save(new TokenAttributes(TokenId.fromRandomBytes(random(16)), owner.id(), TokenKind.REFRESH,
                TokenDescription.none(), Scopes.of("read"), Expiry.at(NOW.plusSeconds(3600)), Optional.of(grant),
                Optional.of(ClientId.of("gateway")), Optional.of(GrantSurface.of("test-surface"))), NOW);
    }

    private Token save(TokenAttributes attributes, Instant createdAt) {
        Token token = Token.issue(attributes, createdAt, TokenSecret.fromRandomBytes(random(32)).hash()).token();
        tokens.saveNew(token, issueOf(token));
        return token;
    }

    /** The audit entry a token's issue is stored with. */
    static AuditEvent issueOf(Token token) {
        return AuditEvent.of(token.createdAt(), AuditEventType.TOKEN_ISSUED, Actor.account(token.owner()),
                Optional.of(token.owner()), Optional.of(token.id()), "test");
    }

    @Test
    void accountsRoundTripAndAreFoundByUsername() {
        Account account = newAccount();

        assertThat(accounts.loadById(account.id())).contains(account);
        assertThat(accounts.loadByUsername(account.username())).contains(account);
        assertThat(accounts.anyAccountExists()).isTrue();
    }

    @Test
    void aTakenUsernameIsReportedNotThrown() {
        Account account = newAccount();
        Account sameName = Account.create(AccountId.fromRandomBytes(random(16)), account.username(),
                account.passwordHash(), Role.ADMIN, NOW);

        assertThat(accounts.saveNew(sameName)).isEqualTo(SaveAccountPort.SaveOutcome.USERNAME_TAKEN);
        assertThat(accounts.loadByUsername(account.username())).contains(account);
    }

    @Test
    void tokensRoundTripWithEveryField() {
        Token token = newToken(newAccount(), NOW, Expiry.at(NOW.plusSeconds(3600)));

        assertThat(tokens.loadById(token.id())).contains(token);
        assertThat(tokens.loadBySecretHash(token.secretHash())).contains(token);
    }

    @Test
    void instantsAreStoredAsTheAbsoluteMoment() throws Exception {
        Instant createdAt = Instant.parse("2026-03-29T01:30:00.123456Z");
        Token token = newToken(newAccount(), createdAt, Expiry.never());

        // Read past the adapter, so that a time-zone shift applied both ways would still show.
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                (String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT created_at FROM token WHERE id = ?")) {
            query.setObject(1, token.id().value());
            try (java.sql.ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getObject(1, java.time.OffsetDateTime.class).toInstant()).isEqualTo(createdAt);
            }
        }
    }

    @Test
    void neverExpiringTokensRoundTrip() {
        Token token = newToken(newAccount(), NOW, Expiry.never());

        assertThat(tokens.loadById(token.id()).orElseThrow().expiry()).isEqualTo(Expiry.never());
    }

    @Test
    void lastUseOnlyMovesForward() {
        Account owner = newAccount();
        Token token = newToken(owner, NOW, Expiry.never());

        tokens.recordUse(token.id(), NOW.plusSeconds(30));
        tokens.recordUse(token.id(), NOW.plusSeconds(10));
        assertThat(tokens.loadById(token.id()).orElseThrow().lastUsedAt())
                .as("a pending use shows before it is written").contains(NOW.plusSeconds(30));
        assertThat(uses.flush()).isEqualTo(1);
        tokens.recordUse(token.id(), NOW.plusSeconds(20));
        uses.flush();

        assertThat(tokens.loadById(token.id()).orElseThrow().lastUsedAt()).contains(NOW.plusSeconds(30));
        assertThat(tokens.loadOwnedBy(owner.id(), 0, 10)).singleElement()
                .satisfies(stored -> assertThat(stored.lastUsedAt()).contains(NOW.plusSeconds(30)));
    }

    @Test
    void inMemoryOnlyModeCachedTokensAreAnsweredAndEverythingElseAsksToWait() {
        Account owner = newAccount();
        Token cached = newToken(owner, NOW, Expiry.never());
        Token uncached = newToken(owner, NOW, Expiry.never());
        assertThat(tokens.loadBySecretHash(cached.secretHash())).isPresent();
        assertThat(accounts.loadById(owner.id())).isPresent();

        assertThat(MemoryOnly.attempt(() -> tokens.loadBySecretHash(cached.secretHash()))).contains(cached);
        assertThat(MemoryOnly.attempt(() -> accounts.loadById(owner.id()))).isPresent();
        assertThatThrownBy(() -> MemoryOnly.attempt(() -> tokens.loadBySecretHash(uncached.secretHash())))
                .isInstanceOf(MemoryOnly.WouldWait.class);
        assertThatThrownBy(() -> MemoryOnly.attempt(() -> tokens.recordRevocation(cached.id(), Optional.empty(), new Revocation(NOW.plusSeconds(1), RevocationReason.REQUESTED))))
                .isInstanceOf(MemoryOnly.WouldWait.class);
        assertThat(tokens.loadById(cached.id()).orElseThrow().revocation()).as("nothing was written").isEmpty();
        assertThat(tokens.loadBySecretHash(uncached.secretHash())).as("outside the mode, the store answers")
                .contains(uncached);
    }

    @Test
    void concurrentIssuesShareCommitsAndABadRowFailsOnlyItsCaller() throws Exception {
        Account owner = newAccount();
        Token existing = newToken(owner, NOW, Expiry.never());
        java.util.concurrent.ExecutorService issuers = java.util.concurrent.Executors.newFixedThreadPool(17);
        try {
            java.util.List<java.util.concurrent.Future<Token>> issued = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                issued.add(issuers.submit(() -> newToken(owner, NOW, Expiry.never())));
            }
            // The same id again: the store refuses it, and only this caller hears of it.
            java.util.concurrent.Future<?> duplicate = issuers.submit(() -> tokens.saveNew(existing, issueOf(existing)));
            for (java.util.concurrent.Future<Token> token : issued) {
                Token saved = token.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(tokens.loadById(saved.id())).contains(saved);
            }
            assertThatThrownBy(() -> duplicate.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RuntimeException.class);
        } finally {
            issuers.shutdownNow();
        }
        assertThat(tokens.countOwnedBy(owner.id())).isEqualTo(17);
    }

    @Test
    void aDelegateIsStoredOnlyWhileItsDelegatorIsActiveAndOutlastsIt() {
        Account owner = newAccount();
        Token ended = newToken(owner, NOW, Expiry.never());
        tokens.recordRevocation(ended.id(), Optional.empty(), new Revocation(NOW, RevocationReason.REQUESTED));
        Token orphan = delegateOf(ended, Expiry.at(NOW.plusSeconds(3600)));
        Token live = newToken(owner, NOW, Expiry.at(NOW.plusSeconds(3600)));
        Token outliving = delegateOf(live, Expiry.never());
        Token delegate = delegateOf(live, Expiry.at(NOW.plusSeconds(60)));

        assertThat(tokens.saveNew(orphan, issueOf(orphan))).isEqualTo(SaveTokenPort.SaveOutcome.DELEGATOR_ENDED);
        assertThat(tokens.saveNew(outliving, issueOf(outliving))).isEqualTo(SaveTokenPort.SaveOutcome.DELEGATOR_ENDED);
        assertThat(tokens.saveNew(delegate, issueOf(delegate))).isEqualTo(SaveTokenPort.SaveOutcome.SAVED);

        assertThat(tokens.loadById(orphan.id())).isEmpty();
        assertThat(tokens.loadById(delegate.id()).orElseThrow().delegator()).contains(live.id());
        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.DelegatesOf(live.id()), NOW))
                .extracting(Token::id).containsExactly(delegate.id());
    }

    @Test
    void concurrentIssuesNeverExceedTheActiveTokenLimit() throws Exception {
        Account owner = newAccount();
        Token expired = newToken(owner, NOW.minusSeconds(7200), Expiry.at(NOW.minusSeconds(3600)));
        Token retiring = newToken(owner, NOW, Expiry.never());
        // A rotated token still in its overlap counts; an expired one does not.
        tokens.recordRevocation(retiring.id(), Optional.empty(), new Revocation(NOW.plusSeconds(600),
                RevocationReason.ROTATED));
        ExecutorService issuers = Executors.newFixedThreadPool(16);
        List<Future<SaveTokenPort.SaveOutcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                outcomes.add(issuers.submit(() -> {
                    Token token = Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(random(16)), owner.id(),
                            TokenDescription.none(), Scopes.none(), Expiry.never()), NOW,
                            TokenSecret.fromRandomBytes(random(32)).hash()).token();
                    return tokens.saveNew(token, issueOf(token), java.util.OptionalInt.of(3));
                }));
            }
            List<SaveTokenPort.SaveOutcome> decided = new ArrayList<>();
            for (Future<SaveTokenPort.SaveOutcome> outcome : outcomes) {
                decided.add(outcome.get(30, TimeUnit.SECONDS));
            }
            assertThat(decided).filteredOn(SaveTokenPort.SaveOutcome.SAVED::equals).hasSize(2);
        } finally {
            issuers.shutdownNow();
        }
        assertThat(tokens.countMatching(Optional.of(owner.id()), dev.latchkey.domain.TokenFilter.activePersonal(), NOW))
                .isEqualTo(3);
        assertThat(expired.id()).isNotNull();
    }

    @Test
    void theLimitIsExactUnderRevocationsAndAChangedLimitThoughTokensAreCountedOnlyNearIt() {
        Account owner = newAccount();
        List<Token> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Token token = personal(owner);
            SaveTokenPort.SaveOutcome outcome = tokens.saveNew(token, issueOf(token), java.util.OptionalInt.of(3));
            if (outcome == SaveTokenPort.SaveOutcome.SAVED) {
                held.add(token);
            }
        }
        assertThat(held).hasSize(3);

        tokens.recordRevocation(held.get(0).id(), Optional.empty(), new Revocation(NOW, RevocationReason.REQUESTED));
        Token afterRevocation = personal(owner);
        assertThat(tokens.saveNew(afterRevocation, issueOf(afterRevocation), java.util.OptionalInt.of(3)))
                .isEqualTo(SaveTokenPort.SaveOutcome.SAVED);
        Token overLimit = personal(owner);
        assertThat(tokens.saveNew(overLimit, issueOf(overLimit), java.util.OptionalInt.of(3)))
                .isEqualTo(SaveTokenPort.SaveOutcome.ACTIVE_LIMIT_REACHED);

        // A lower limit, then a higher one: neither is taken on trust from what was stored under the other.
        Token underLowerLimit = personal(owner);
        assertThat(tokens.saveNew(underLowerLimit, issueOf(underLowerLimit), java.util.OptionalInt.of(2)))
                .isEqualTo(SaveTokenPort.SaveOutcome.ACTIVE_LIMIT_REACHED);
        for (int i = 0; i < 3; i++) {
            Token token = personal(owner);
            tokens.saveNew(token, issueOf(token), java.util.OptionalInt.of(5));
        }
        assertThat(tokens.countMatching(Optional.of(owner.id()), dev.latchkey.domain.TokenFilter.activePersonal(),
                NOW.plusSeconds(1))).isEqualTo(5);
    }

    private Token personal(Account owner) {
        return Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(random(16)), owner.id(),
                TokenDescription.none(), Scopes.none(), Expiry.never()), NOW.plusSeconds(1),
                TokenSecret.fromRandomBytes(random(32)).hash()).token();
    }

    @Test
    void theLimitHoldsInsideACallersTransactionToo() {
        Account owner = newAccount();
        newToken(owner, NOW, Expiry.never());
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);
        Token second = Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(random(16)), owner.id(),
                TokenDescription.none(), Scopes.none(), Expiry.never()), NOW, TokenSecret.fromRandomBytes(random(32))
                .hash()).token();

        assertThat(transactions.inTransaction(() -> tokens.saveNew(second, issueOf(second),
                java.util.OptionalInt.of(1)))).isEqualTo(SaveTokenPort.SaveOutcome.ACTIVE_LIMIT_REACHED);
        assertThat(transactions.inTransaction(() -> tokens.saveNew(second, issueOf(second),
                java.util.OptionalInt.of(2)))).isEqualTo(SaveTokenPort.SaveOutcome.SAVED);
    }

    /**
     * A refresh revokes and then issues; a rotation issues and then revokes. Every revocation takes the change log's
     * one head row, and every issue under a limit takes the owner's row, so the two orders must not hold one of them
     * while waiting for the other. Here they overlap at the worst moment, and both must commit.
     */
    @Test
    void aRevocationThenAnIssueAndAnIssueThenARevocationBothCommitWhenTheyOverlap() throws Exception {
        Account owner = newAccount();
        Token revokedFirst = newToken(owner, NOW, Expiry.never());
        Token revokedSecond = newToken(owner, NOW, Expiry.never());
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);
        java.util.concurrent.CountDownLatch revoked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch ownerLocked = new java.util.concurrent.CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<SaveTokenPort.SaveOutcome> refreshLike = writers.submit(() -> transactions.inTransaction(() -> {
                tokens.recordRevocation(revokedFirst.id(), Optional.empty(), new Revocation(NOW,
                        RevocationReason.REQUESTED));
                revoked.countDown();
                awaitOrFail(ownerLocked);
                Token issued = personal(owner);
                return tokens.saveNew(issued, issueOf(issued), java.util.OptionalInt.of(100));
            }));
            Future<RevocationWrite> rotationLike = writers.submit(() -> transactions.inTransaction(() -> {
                awaitOrFail(revoked);
                Token issued = personal(owner);
                tokens.saveNew(issued, issueOf(issued), java.util.OptionalInt.of(100));
                ownerLocked.countDown();
                return tokens.recordRevocation(revokedSecond.id(), Optional.empty(), new Revocation(NOW,
                        RevocationReason.ROTATED));
            }));
            assertThat(rotationLike.get(30, TimeUnit.SECONDS)).isInstanceOf(RevocationWrite.Recorded.class);
            assertThat(refreshLike.get(30, TimeUnit.SECONDS)).isEqualTo(SaveTokenPort.SaveOutcome.SAVED);
        } finally {
            writers.shutdownNow();
        }
        assertThat(tokens.countMatching(Optional.of(owner.id()), dev.latchkey.domain.TokenFilter.activePersonal(),
                NOW.plusSeconds(1))).isEqualTo(2);
    }

    /**
     * Two administrators demoting each other at once: each change locks the enabled administrators before it counts
     * them, so the second waits for the first to commit and then counts what it left, and cannot take the last one.
     */
    @Test
    void changesThatLockTheAdministratorsRunOneAfterTheOtherAndTheSecondCountsWhatTheFirstLeft() throws Exception {
        Account first = newAccount().changeRole(Role.ADMIN).account();
        Account second = newAccount().changeRole(Role.ADMIN).account();
        accounts.update(first);
        accounts.update(second);
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);
        java.util.concurrent.CountDownLatch firstLocked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstMayCommit = new java.util.concurrent.CountDownLatch(1);
        ExecutorService changes = Executors.newFixedThreadPool(2);
        try {
            Future<Long> firstCount = changes.submit(() -> transactions.inTransaction(() -> {
                long counted = accounts.lockEnabledAdministrators();
                accounts.update(first.disable().account());
                firstLocked.countDown();
                awaitOrFail(firstMayCommit);
                return counted;
            }));
            awaitOrFail(firstLocked);
            Future<Long> secondCount = changes.submit(() -> transactions.inTransaction(
                    accounts::lockEnabledAdministrators));
            Thread.sleep(300);
            assertThat(secondCount.isDone()).as("the second waits for the first's locks").isFalse();
            firstMayCommit.countDown();

            long counted = firstCount.get(30, TimeUnit.SECONDS);
            assertThat(counted).isGreaterThanOrEqualTo(2);
            assertThat(secondCount.get(30, TimeUnit.SECONDS)).isEqualTo(counted - 1);
        } finally {
            changes.shutdownNow();
        }
    }

    /**
     * Two writes that lock the same two tokens in opposite orders deadlock; the database undoes one of them, and it is
     * run again rather than answered 503. Both end written, each revocation recorded once.
     */
    @Test
    void aDeadlocksVictimIsRunAgainAndBothWritesCommit() throws Exception {
        Account owner = newAccount();
        Token first = newToken(owner, NOW, Expiry.never());
        Token second = newToken(owner, NOW, Expiry.never());
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);
        java.util.concurrent.CyclicBarrier bothHoldOne = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (List<Token> order : List.of(List.of(first, second), List.of(second, first))) {
                done.add(writers.submit(() -> transactions.inTransaction(() -> {
                    boolean firstAttempt = attempts.incrementAndGet() <= 2;
                    tokens.recordRevocation(order.get(0).id(), Optional.empty(), new Revocation(NOW.plusSeconds(60),
                            RevocationReason.REQUESTED));
                    if (firstAttempt) {
                        awaitBarrier(bothHoldOne);
                    }
                    tokens.recordRevocation(order.get(1).id(), Optional.empty(), new Revocation(NOW.plusSeconds(60),
                            RevocationReason.REQUESTED));
                    return "written";
                })));
            }
            for (Future<String> write : done) {
                assertThat(write.get(60, TimeUnit.SECONDS)).isEqualTo("written");
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(attempts.get()).as("one of the two ran again").isGreaterThan(2);
        assertThat(tokens.loadById(first.id()).flatMap(Token::revocation)).isPresent();
        assertThat(tokens.loadById(second.id()).flatMap(Token::revocation)).isPresent();
    }

    private static void awaitBarrier(java.util.concurrent.CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception notBoth) {
            throw new IllegalStateException("the other writer did not take its first lock", notBoth);
        }
    }

    private static void awaitOrFail(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("the other writer reached its step").isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    @Test
    void signInSessionsRoundTripMoveOnlyForwardAndEndOneOrAllOfAnAccount() {
        SignInSessionPersistenceAdapter sessions = context.getBean(SignInSessionPersistenceAdapter.class);
        Account alice = newAccount();
        Account bob = newAccount();
        dev.latchkey.domain.SignInSession first = dev.latchkey.domain.SignInSession.start(
                dev.latchkey.domain.SecretHash.of("first " + alice.id()), alice.id(), "stamp-1", NOW);
        dev.latchkey.domain.SignInSession second = dev.latchkey.domain.SignInSession.start(
                dev.latchkey.domain.SecretHash.of("second " + alice.id()), alice.id(), "stamp-1", NOW);
        dev.latchkey.domain.SignInSession bobs = dev.latchkey.domain.SignInSession.start(
                dev.latchkey.domain.SecretHash.of("bob " + bob.id()), bob.id(), "stamp-2", NOW);
        sessions.save(first);
        sessions.save(second);
        sessions.save(bobs);
        assertThat(sessions.find(first.id())).contains(first);

        sessions.recordSeen(first.id(), NOW.plusSeconds(120));
        sessions.recordSeen(first.id(), NOW.plusSeconds(60));
        assertThat(sessions.find(first.id())).map(dev.latchkey.domain.SignInSession::lastSeenAt)
                .contains(NOW.plusSeconds(120));

        sessions.end(first.id());
        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(second.id())).isPresent();
        assertThat(sessions.endAllOf(alice.id())).isEqualTo(1);
        assertThat(sessions.find(second.id())).isEmpty();
        assertThat(sessions.find(bobs.id())).isPresent();
    }

    @Test
    void theSweepDeletesOnlySessionsPastATimeout() {
        SignInSessionPersistenceAdapter sessions = context.getBean(SignInSessionPersistenceAdapter.class);
        Account owner = newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        dev.latchkey.domain.SignInSession idle = new dev.latchkey.domain.SignInSession(
                dev.latchkey.domain.SecretHash.of("idle " + owner.id()), owner.id(), "s",
                now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(16)));
        dev.latchkey.domain.SignInSession old = new dev.latchkey.domain.SignInSession(
                dev.latchkey.domain.SecretHash.of("old " + owner.id()), owner.id(), "s",
                now.minus(Duration.ofHours(9)), now.minusSeconds(30));
        dev.latchkey.domain.SignInSession live = new dev.latchkey.domain.SignInSession(
                dev.latchkey.domain.SecretHash.of("live " + owner.id()), owner.id(), "s",
                now.minus(Duration.ofHours(7)), now.minusSeconds(30));
        sessions.save(idle);
        sessions.save(old);
        sessions.save(live);

        context.getBean(SignInSessionRetention.class).purge();

        assertThat(sessions.find(idle.id())).isEmpty();
        assertThat(sessions.find(old.id())).isEmpty();
        assertThat(sessions.find(live.id())).isPresent();
    }

    private Token delegateOf(Token delegator, Expiry expiry) {
        return Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(random(16)), delegator.owner(),
                TokenDescription.none(), Scopes.of("read"), expiry).delegatedBy(delegator), NOW.plusSeconds(1),
                TokenSecret.fromRandomBytes(random(32)).hash()).token();
    }

    @Test
    void whatATransactionReadsIsNotCachedSinceItMayRollBack() {
        Token token = newToken(newAccount(), NOW, Expiry.never());
        assertThat(tokens.loadById(token.id())).isPresent();
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            tokens.recordRevocation(token.id(), Optional.empty(), new Revocation(NOW.plusSeconds(1), RevocationReason.REQUESTED));
            assertThat(tokens.loadById(token.id()).orElseThrow().revocation()).as("its own write").isPresent();
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(tokens.loadById(token.id()).orElseThrow().revocation()).isEmpty();
    }

    @Test
    void usesAreWrittenInOneBatchPerFlush() {
        Account owner = newAccount();
        Token first = newToken(owner, NOW, Expiry.never());
        Token second = newToken(owner, NOW, Expiry.never());
        uses.flush();

        tokens.recordUse(first.id(), NOW.plusSeconds(1));
        tokens.recordUse(second.id(), NOW.plusSeconds(2));
        tokens.recordUse(first.id(), NOW.plusSeconds(3));

        assertThat(uses.flush()).as("tokens written").isEqualTo(2);
        assertThat(uses.flush()).as("nothing left pending").isZero();
        assertThat(tokens.loadOwnedBy(owner.id(), 0, 10)).extracting(stored -> stored.lastUsedAt().orElseThrow())
                .containsExactlyInAnyOrder(NOW.plusSeconds(3), NOW.plusSeconds(2));
    }

    @Test
    void aRevocationIsWrittenOnlyOverTheOneTheWriterReadAndUseDoesNotClearIt() {
        Token token = newToken(newAccount(), NOW, Expiry.never());
        Revocation first = new Revocation(NOW.plusSeconds(5), RevocationReason.REQUESTED);

        assertThat(tokens.recordRevocation(token.id(), Optional.empty(), first))
                .isEqualTo(new RevocationWrite.Recorded());
        assertThat(tokens.recordRevocation(token.id(), Optional.empty(),
                new Revocation(NOW.plusSeconds(9), RevocationReason.REQUESTED)))
                .as("a writer that read no revocation hears of the one recorded since")
                .isEqualTo(new RevocationWrite.ChangedMeanwhile(Optional.of(first)));
        tokens.recordUse(token.id(), NOW.plusSeconds(20));
        uses.flush();

        assertThat(tokens.loadById(token.id()).orElseThrow().revocation()).contains(first);
    }

    @Test
    void aRevokedTokenIsNeverServedFromTheLookupCache() {
        Token token = newToken(newAccount(), NOW, Expiry.never());
        assertThat(tokens.loadBySecretHash(token.secretHash())).hasValueSatisfying(
                cached -> assertThat(cached.revocation()).isEmpty());

        tokens.recordRevocation(token.id(), Optional.empty(), new Revocation(NOW.plusSeconds(1), RevocationReason.REQUESTED));

        assertThat(tokens.loadBySecretHash(token.secretHash())).hasValueSatisfying(
                reloaded -> assertThat(reloaded.revocation()).isPresent());
    }

    @Test
    void aRevocationIsReplacedOnlyWhileTheRecordedOneIsTheExpectedOne() {
        Token token = newToken(newAccount(), NOW, Expiry.never());
        Revocation scheduled = new Revocation(NOW.plusSeconds(60), RevocationReason.ROTATED);
        Revocation sooner = new Revocation(NOW.plusSeconds(40), RevocationReason.REQUESTED);

        assertThat(tokens.recordRevocation(token.id(), Optional.empty(), scheduled))
                .isEqualTo(new RevocationWrite.Recorded());
        assertThat(tokens.loadById(token.id()).orElseThrow().isActiveAt(NOW.plusSeconds(30))).isTrue();
        assertThat(tokens.recordRevocation(token.id(), Optional.of(scheduled), sooner))
                .isEqualTo(new RevocationWrite.Recorded());
        assertThat(tokens.loadById(token.id()).orElseThrow().revocation()).contains(sooner);
        assertThat(tokens.recordRevocation(token.id(), Optional.of(scheduled),
                new Revocation(NOW.plusSeconds(20), RevocationReason.REQUESTED)))
                .as("a writer that read the scheduled revocation is told of its replacement")
                .isEqualTo(new RevocationWrite.ChangedMeanwhile(Optional.of(sooner)));
        assertThat(tokens.loadById(token.id()).orElseThrow().revocation()).contains(sooner);
    }

    @Test
    void revocableTokensAreThoseWithNoRevocationOrOneStillAhead() {
        Account owner = newAccount();
        Account other = newAccount();
        Token unrevoked = newToken(owner, NOW, Expiry.never());
        Token retiring = newToken(owner, NOW, Expiry.never());
        Token revoked = newToken(owner, NOW, Expiry.never());
        Token someoneElses = newToken(other, NOW, Expiry.never());
        tokens.recordRevocation(retiring.id(), Optional.empty(),
                new Revocation(NOW.plusSeconds(60), RevocationReason.ROTATED));
        tokens.recordRevocation(revoked.id(), Optional.empty(),
                new Revocation(NOW.plusSeconds(1), RevocationReason.REQUESTED));

        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.OwnedBy(owner.id()), NOW.plusSeconds(30)))
                .extracting(Token::id).containsExactlyInAnyOrder(unrevoked.id(), retiring.id());
        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.OwnedBy(owner.id()), NOW.plusSeconds(60)))
                .extracting(Token::id).containsExactly(unrevoked.id());
        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.PersonalDescribed(owner.id(), unrevoked.description()),
                NOW.plusSeconds(30))).extracting(Token::id).containsExactlyInAnyOrder(unrevoked.id(), retiring.id());
        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.PersonalDescribed(owner.id(),
                TokenDescription.of("another description")), NOW)).isEmpty();
        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.OwnedBy(other.id()), NOW)).extracting(Token::id)
                .containsExactly(someoneElses.id());
    }

    @Test
    void aRefreshTokenIsConsumedOnceAndNotOnceRevoked() {
        Account owner = newAccount();
        GrantId grant = GrantId.fromRandomBytes(random(16));
        Token refresh = newRefreshToken(owner, grant);
        Token sibling = newRefreshToken(owner, grant);
        Token outsider = newRefreshToken(owner, GrantId.fromRandomBytes(random(16)));

        assertThat(tokens.recordConsumption(refresh.id(), NOW.plusSeconds(1))).isEqualTo(ConsumptionWrite.CONSUMED);
        assertThat(tokens.recordConsumption(refresh.id(), NOW.plusSeconds(2))).isEqualTo(ConsumptionWrite.NOT_CONSUMABLE);
        Token reloaded = tokens.loadById(refresh.id()).orElseThrow();
        assertThat(reloaded.consumedAt()).contains(NOW.plusSeconds(1));
        assertThat(reloaded.grant()).contains(grant);
        assertThat(reloaded.client()).contains(ClientId.of("gateway"));

        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.OfGrant(grant), NOW.plusSeconds(3))).extracting(Token::id)
                .containsExactlyInAnyOrder(refresh.id(), sibling.id());
        tokens.recordRevocation(sibling.id(), Optional.empty(),
                new Revocation(NOW.plusSeconds(3), RevocationReason.GRANT_REVOKED));
        assertThat(tokens.loadById(sibling.id()).orElseThrow().revocation()).isPresent();
        assertThat(tokens.loadById(outsider.id()).orElseThrow().revocation()).isEmpty();
        assertThat(tokens.recordConsumption(sibling.id(), NOW.plusSeconds(4))).isEqualTo(ConsumptionWrite.NOT_CONSUMABLE);
    }

    @Test
    void aPersonalTokenIsNeverConsumed() {
        Token token = newToken(newAccount(), NOW, Expiry.never());

        assertThat(tokens.recordConsumption(token.id(), NOW.plusSeconds(1))).isEqualTo(ConsumptionWrite.NOT_CONSUMABLE);
    }

    @Test
    void partnersAndAccountProfilesRoundTrip() {
        PartnerId partnerId = PartnerId.of(1 + Math.abs(RANDOM.nextLong() % 1_000_000_000L));
        Partner partner = new Partner(partnerId, "Acme", false, NOW);
        assertThat(partners.saveNew(partner)).isEqualTo(SavePartnerPort.SaveOutcome.SAVED);
        assertThat(partners.saveNew(partner)).isEqualTo(SavePartnerPort.SaveOutcome.ID_TAKEN);
        partners.update(partner.withAgreementsSigned(true));
        assertThat(partners.loadById(partnerId)).contains(partner.withAgreementsSigned(true));

        Account account = newAccount().withProfile(Optional.of(EmailAddress.of("ann@example.com")),
                Optional.of(Organization.of("Main Org.")), Optional.of(partnerId)).withEnabled(false);
        accounts.update(account);

        assertThat(accounts.loadById(account.id())).contains(account);
    }

    @Test
    void clientsRoundTripAndTheirIdsAreUnique() {
        ClientSecret secret = ClientSecret.fromRandomBytes(random(32));
        ClientId id = ClientId.of("client-" + TokenId.fromRandomBytes(random(16)));
        OAuthClient client = OAuthClient.confidential(id, "gateway", secret.hash(), NOW);

        assertThat(clients.saveNew(client)).isEqualTo(SaveClientPort.SaveOutcome.SAVED);
        assertThat(clients.loadById(id)).contains(client);
        assertThat(clients.saveNew(OAuthClient.confidential(id, "impostor",
                ClientSecret.fromRandomBytes(random(32)).hash(), NOW)))
                .isEqualTo(SaveClientPort.SaveOutcome.CLIENT_ID_TAKEN);
    }

    @Test
    void aClientsTypeGrantsAndScopesRoundTripAndItCanBeDisabled() {
        OAuthClient app = new OAuthClient(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()), "cli",
                ClientType.PUBLIC, Optional.empty(), Set.of(GrantType.PASSWORD, GrantType.REFRESH_TOKEN),
                Optional.of(Scopes.of("read", "deploy")), true, NOW);
        OAuthClient service = new OAuthClient(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()), "billing",
                ClientType.CONFIDENTIAL, Optional.of(ClientSecret.fromRandomBytes(random(32)).hash()),
                Set.of(GrantType.CLIENT_CREDENTIALS), Optional.of(Scopes.none()), true, NOW.plusSeconds(1));
        clients.saveNew(app);
        clients.saveNew(service);

        assertThat(clients.loadById(app.id())).contains(app);
        assertThat(clients.loadById(service.id())).contains(service);
        assertThat(clients.listAll()).containsSubsequence(app, service);

        clients.updateEnabled(app.id(), false);
        assertThat(clients.loadById(app.id())).contains(app.withEnabled(false));
    }

    @Test
    void aRotatedSecretAndItsRetiringOneRoundTripAndReplaceTheCachedClient() {
        ClientSecret first = ClientSecret.fromRandomBytes(random(32));
        OAuthClient client = OAuthClient.confidential(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()),
                "gateway", first.hash(), NOW);
        clients.saveNew(client);
        assertThat(clients.loadById(client.id())).as("cached").contains(client);
        ClientSecret second = ClientSecret.fromRandomBytes(random(32));
        OAuthClient rotated = client.rotateSecret(second.hash(), NOW, Duration.ofHours(1)).client();

        clients.updateSecrets(rotated);

        assertThat(clients.loadById(client.id())).as("the cached client is dropped").contains(rotated);
        assertThat(clients.lockById(client.id())).contains(rotated);
        OAuthClient again = rotated.rotateSecret(ClientSecret.fromRandomBytes(random(32)).hash(), NOW,
                Duration.ZERO).client();
        clients.updateSecrets(again);
        assertThat(clients.loadById(client.id())).contains(again);
        assertThat(clients.loadById(client.id()).orElseThrow().retiringSecret()).isEmpty();
    }

    @Test
    void aClientReadUnderLockWaitsForTheChangeThatLockedItFirst() throws Exception {
        OAuthClient client = OAuthClient.confidential(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()),
                "gateway", ClientSecret.fromRandomBytes(random(32)).hash(), NOW);
        clients.saveNew(client);
        OAuthClient rotated = client.rotateSecret(ClientSecret.fromRandomBytes(random(32)).hash(), NOW,
                Duration.ofMinutes(5)).client();
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);
        java.util.concurrent.CountDownLatch firstLocked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstMayCommit = new java.util.concurrent.CountDownLatch(1);
        ExecutorService changes = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = changes.submit(() -> transactions.inTransaction(() -> {
                clients.lockById(client.id()).orElseThrow();
                clients.updateSecrets(rotated);
                firstLocked.countDown();
                awaitOrFail(firstMayCommit);
                return null;
            }));
            awaitOrFail(firstLocked);
            Future<Optional<OAuthClient>> second = changes.submit(() -> transactions.inTransaction(
                    () -> clients.lockById(client.id())));
            Thread.sleep(300);
            assertThat(second.isDone()).as("the second waits for the first's lock").isFalse();
            firstMayCommit.countDown();

            first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS)).as("and reads what the first wrote").contains(rotated);
        } finally {
            changes.shutdownNow();
        }
    }

    @Test
    void aClientsTokensAreSelectedTogetherAndNoOther() {
        Account owner = newAccount();
        ClientId cli = ClientId.of("cli-" + TokenId.fromRandomBytes(random(16)).toString().substring(0, 8));
        Token first = saveIssuedTo(owner, cli, Optional.of(Audience.of("https://api.example")));
        Token second = saveIssuedTo(owner, cli, Optional.empty());
        Token other = saveIssuedTo(owner, ClientId.of("other"), Optional.empty());
        Revocation revocation = new Revocation(NOW.plusSeconds(5), RevocationReason.CLIENT_DISABLED);

        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.IssuedTo(cli), NOW)).extracting(Token::id)
                .containsExactlyInAnyOrder(first.id(), second.id());
        tokens.recordRevocation(first.id(), Optional.empty(), revocation);
        tokens.recordRevocation(second.id(), Optional.empty(), revocation);
        assertThat(tokens.loadById(first.id()).orElseThrow().revocation()).contains(revocation);
        assertThat(tokens.loadById(first.id()).orElseThrow().audience()).contains(Audience.of("https://api.example"));
        assertThat(tokens.loadById(second.id()).orElseThrow().revocation()).contains(revocation);
        assertThat(tokens.loadById(other.id()).orElseThrow().revocation()).isEmpty();
        assertThat(tokens.loadRevocable(new LoadTokenPort.Selection.IssuedTo(cli), NOW.plusSeconds(5)))
                .as("nothing left to revoke").isEmpty();
    }

    @Test
    void aTokensIssueIsInTheAuditTrailWithItWhetherOrNotInATransaction() {
        Account owner = newAccount();
        Token grouped = newToken(owner, NOW, Expiry.never());
        Token inTransaction = context.getBean(JdbcTransactions.class)
                .inTransaction(() -> newToken(owner, NOW, Expiry.never()));

        for (Token token : List.of(grouped, inTransaction)) {
            assertThat(audit.find(filter(Optional.empty(), Optional.of(token.id()), Optional.empty()), 0, 10))
                    .singleElement().satisfies(event -> {
                        assertThat(event.type()).isEqualTo(AuditEventType.TOKEN_ISSUED);
                        assertThat(event.account()).contains(owner.id());
                        assertThat(event.actor()).isEqualTo(Actor.account(owner.id()));
                    });
        }
    }

    @Test
    void anEventRecordedInATransactionThatRollsBackIsGone() {
        Account owner = newAccount();
        AuditEvent event = AuditEvent.of(NOW, AuditEventType.ACCOUNT_CHANGED, Actor.system(),
                Optional.of(owner.id()), Optional.empty(), "enabled=false");

        assertThatThrownBy(() -> context.getBean(JdbcTransactions.class).inTransaction(() -> {
            audit.record(event);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        audit.record(event);

        assertThat(audit.find(filter(Optional.of(owner.id()), Optional.empty(), Optional.empty()), 0, 10))
                .containsExactly(event);
    }

    @Test
    void countedEventsAreCoalescedIntoOneEntryPerIntervalWithTheirCount() {
        Account owner = newAccount();
        Token token = newToken(owner, NOW, Expiry.never());
        for (int use = 0; use < 5; use++) {
            audit.count(AuditEvent.of(NOW.plusSeconds(use), AuditEventType.TOKEN_USED, Actor.account(owner.id()),
                    Optional.of(owner.id()), Optional.of(token.id()), ""));
        }

        audit.flush();

        assertThat(audit.find(filter(Optional.empty(), Optional.of(token.id()), Optional.of(AuditEventType.TOKEN_USED)),
                0, 10)).singleElement().satisfies(event -> {
                    assertThat(event.count()).isEqualTo(5);
                    assertThat(event.occurredAt()).isEqualTo(NOW);
                });
        assertThat(audit.flush()).as("nothing left to write").isZero();
    }

    @Test
    void aFloodOfDistinctCountedEventsIsItemisedOnlyUpToTheLimit() {
        Account owner = newAccount();
        audit.flush();
        for (int distinct = 0; distinct < AuditTrailAdapter.MAXIMUM_COUNTED + 500; distinct++) {
            // From many addresses, each within its own allowance of itemised entries.
            Actor address = Actor.anonymous("10.0." + distinct / AuditTrailAdapter.MAXIMUM_COUNTED_PER_ACTOR);
            audit.count(AuditEvent.of(NOW, AuditEventType.TOKEN_REFUSED, address, Optional.of(owner.id()),
                    Optional.empty(), "fingerprint=" + distinct));
        }

        assertThat(audit.flush()).isEqualTo(AuditTrailAdapter.MAXIMUM_COUNTED + 1);
        assertThat(audit.find(filter(Optional.empty(), Optional.empty(), Optional.of(AuditEventType.TOKEN_REFUSED)),
                0, 1_000_000)).filteredOn(event -> event.account().isEmpty() && event.actor().equals(Actor.system()))
                .singleElement().satisfies(overflow -> assertThat(overflow.count()).isEqualTo(500));
    }

    @Test
    void oneAddressGetsOnlySoManyDistinctEntriesAnIntervalAndTheRestAreFoldedIntoOne() {
        audit.flush();
        Actor flooder = Actor.anonymous("203.0.113.9");
        int sent = 3 * AuditTrailAdapter.MAXIMUM_COUNTED_PER_ACTOR;
        for (int distinct = 0; distinct < sent; distinct++) {
            audit.count(AuditEvent.of(NOW, AuditEventType.TOKEN_REFUSED, flooder, Optional.empty(), Optional.empty(),
                    "fingerprint=flood" + distinct));
        }
        audit.count(AuditEvent.of(NOW, AuditEventType.TOKEN_REFUSED, Actor.anonymous("203.0.113.10"),
                Optional.empty(), Optional.empty(), "fingerprint=bystander"));

        assertThat(audit.flush()).isEqualTo(AuditTrailAdapter.MAXIMUM_COUNTED_PER_ACTOR + 2);
        List<AuditEvent> fromFlooder = audit.find(filter(Optional.empty(), Optional.empty(),
                Optional.of(AuditEventType.TOKEN_REFUSED)), 0, 1_000_000).stream()
                .filter(event -> event.actor().equals(flooder)).toList();
        assertThat(fromFlooder.stream().mapToLong(AuditEvent::count).sum()).isEqualTo(sent);
        assertThat(fromFlooder).filteredOn(event -> event.detail().startsWith("more distinct events")).singleElement()
                .satisfies(folded -> assertThat(folded.count())
                        .isEqualTo(sent - AuditTrailAdapter.MAXIMUM_COUNTED_PER_ACTOR));
    }

    @Test
    void theTrailIsFilteredAndReadNewestFirst() {
        Account owner = newAccount();
        Account other = newAccount();
        List<AuditEvent> events = List.of(
                AuditEvent.of(NOW.minusSeconds(30), AuditEventType.LOGIN_FAILED, Actor.anonymous("192.0.2.7"),
                        Optional.of(owner.id()), Optional.empty(), "reason=BAD_CREDENTIALS"),
                AuditEvent.of(NOW.minusSeconds(20), AuditEventType.ACCOUNT_CHANGED, Actor.system(),
                        Optional.of(owner.id()), Optional.empty(), "role=ADMIN"),
                AuditEvent.of(NOW.minusSeconds(10), AuditEventType.ACCOUNT_CHANGED, Actor.system(),
                        Optional.of(other.id()), Optional.empty(), "role=USER"));
        events.forEach(audit::record);
        LoadAuditEventsPort.Filter owners = filter(Optional.of(owner.id()), Optional.empty(), Optional.empty());

        assertThat(audit.find(owners, 0, 10)).containsExactly(events.get(1), events.get(0));
        assertThat(audit.count(owners)).isEqualTo(2);
        assertThat(audit.find(owners, 1, 10)).containsExactly(events.get(0));
        assertThat(audit.find(new LoadAuditEventsPort.Filter(Optional.empty(), Optional.empty(),
                Optional.of(AuditEventType.ACCOUNT_CHANGED), Optional.of(NOW.minusSeconds(20)),
                Optional.of(NOW.minusSeconds(10))), 0, 10)).containsExactly(events.get(1));
        assertThat(audit.deleteBefore(NOW.minusSeconds(25))).isPositive();
        assertThat(audit.find(owners, 0, 10)).containsExactly(events.get(1));
    }

    private static LoadAuditEventsPort.Filter filter(Optional<AccountId> account, Optional<TokenId> token,
                                                     Optional<AuditEventType> type) {
        return new LoadAuditEventsPort.Filter(account, token, type, Optional.empty(), Optional.empty());
    }

    @Test
    void policiesRoundTripPerScopeAndCanBeRemoved() {
        PolicyPersistenceAdapter policies = context.getBean(PolicyPersistenceAdapter.class);
        LoadPolicyPort.Scope blue = new LoadPolicyPort.Scope.OfOrganization(Organization.of("Blue " + NOW.getNano()));
        TokenPolicy strict = new TokenPolicy(Lifetime.of(java.time.Duration.ofDays(7)), java.time.Duration.ofDays(30),
                Set.of(Role.ADMIN), Optional.of(3), Optional.of(Scopes.of("read", "deploy")));
        TokenPolicy open = new TokenPolicy(Lifetime.never(), java.time.Duration.ofDays(365),
                Set.of(Role.ADMIN, Role.USER), Optional.empty(), Optional.empty());

        assertThat(policies.load(blue)).isEmpty();
        policies.save(blue, strict);
        assertThat(policies.load(blue)).contains(strict);
        policies.save(blue, open);
        assertThat(policies.load(blue)).as("replaced, and not served stale from memory").contains(open);
        assertThat(policies.loadAll()).containsEntry(blue, open);

        assertThat(policies.remove(blue)).isTrue();
        assertThat(policies.remove(blue)).isFalse();
        assertThat(policies.load(blue)).isEmpty();
    }

    @Test
    void signingKeysRoundTripWithTheirPrivatePartWrappedByTheMasterKey() {
        SigningKeyStore keys = context.getBean(SigningKeyStore.class);
        byte[] privateKey = random(121);
        String kid = "kid-" + TokenId.fromRandomBytes(random(16));
        SigningKeyPort.StoredSigningKey key = new SigningKeyPort.StoredSigningKey(kid, "ES256", privateKey,
                random(91), NOW, NOW.plusSeconds(600));

        keys.add(key);

        assertThat(keys.all()).contains(key);
        SigningKeyRow row = context.getBean(SigningKeyRepository.class).findAll().stream()
                .filter(stored -> stored.kid().equals(kid)).findFirst().orElseThrow();
        assertThat(row.privateKey()).startsWith("v1:")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(privateKey));
        keys.remove(kid);
        assertThat(keys.all()).doesNotContain(key);
    }

    private Token saveIssuedTo(Account owner, ClientId client, Optional<Audience> audience) {
        return save(new TokenAttributes(TokenId.fromRandomBytes(random(16)), owner.id(), TokenKind.ACCESS,
                TokenDescription.none(), Scopes.of("read"), Expiry.at(NOW.plusSeconds(3600)),
                Optional.of(GrantId.fromRandomBytes(random(16))), Optional.of(client),
                Optional.of(GrantSurface.TOKEN_ENDPOINT), audience), NOW);
    }

    @Test
    void aRotationIsRecordedOncePerAccountAndKey() {
        Account owner = newAccount();
        Token rotated = newToken(owner, NOW, Expiry.never());
        Token replacement = newToken(owner, NOW, Expiry.never());
        Rotation rotation = new Rotation(owner.id(), IdempotencyKey.of("deploy-1"), Optional.empty(), rotated.id(), replacement.id(),
                "ab".repeat(32), NOW);

        assertThat(rotations.record(rotation)).isEqualTo(RotationLedgerPort.RecordOutcome.RECORDED);
        assertThat(rotations.record(rotation)).isEqualTo(RotationLedgerPort.RecordOutcome.KEY_ALREADY_USED);
        assertThat(rotations.find(owner.id(), IdempotencyKey.of("deploy-1"))).contains(rotation);
        assertThat(rotations.find(owner.id(), IdempotencyKey.of("deploy-2"))).isEmpty();
    }

    @Test
    void rotationsAreForgottenAfterTheirRetryWindow() {
        Account owner = newAccount();
        Token rotated = newToken(owner, NOW, Expiry.never());
        Token replacement = newToken(owner, NOW, Expiry.never());
        Rotation old = new Rotation(owner.id(), IdempotencyKey.of("old-key"), Optional.empty(), rotated.id(), replacement.id(),
                "cd".repeat(32), Instant.now().minus(java.time.Duration.ofDays(2)));
        Rotation recent = new Rotation(owner.id(), IdempotencyKey.of("recent-key"), Optional.empty(), rotated.id(), replacement.id(),
                "ef".repeat(32), Instant.now());
        rotations.record(old);
        rotations.record(recent);

        assertThat(context.getBean(RotationRetention.class).purge()).isGreaterThanOrEqualTo(1);

        assertThat(rotations.find(owner.id(), IdempotencyKey.of("old-key"))).isEmpty();
        assertThat(rotations.find(owner.id(), IdempotencyKey.of("recent-key"))).isPresent();
    }

    @Test
    void derivationIsKeyedStableAndSaltSensitive() {
        byte[] salt = random(32);

        assertThat(derivation.derive(salt)).hasSize(32).isEqualTo(derivation.derive(salt))
                .isNotEqualTo(derivation.derive(random(32)));
    }

    @Test
    void ownersSeeTheirTokensNewestFirstInPages() {
        Account owner = newAccount();
        Token oldest = newToken(owner, NOW.minusSeconds(30), Expiry.never());
        Token middle = newToken(owner, NOW.minusSeconds(20), Expiry.never());
        Token newest = newToken(owner, NOW.minusSeconds(10), Expiry.never());
        newToken(newAccount(), NOW, Expiry.never());

        assertThat(tokens.countOwnedBy(owner.id())).isEqualTo(3);
        assertThat(tokens.loadOwnedBy(owner.id(), 0, 2)).containsExactly(newest, middle);
        assertThat(tokens.loadOwnedBy(owner.id(), 2, 2)).containsExactly(oldest);
        assertThat(tokens.loadOwnedBy(owner.id(), 3, 2)).isEmpty();
    }

    @Test
    void unknownIdsAndHashesFindNothing() {
        assertThat(tokens.loadById(TokenId.fromRandomBytes(random(16)))).isEmpty();
        assertThat(tokens.loadBySecretHash(TokenSecret.fromRandomBytes(random(32)).hash())).isEmpty();
        assertThat(accounts.loadByUsername(Username.of("nobody-at-all"))).isEmpty();
    }

    /** Two nodes' limits over this database, on one clock the test moves. */
    private LoginLimits[] twoNodesOfLoginLimits(AtomicLong nanos, long perMinute, long perHour) {
        LoginLimitSettings settings = new LoginLimitSettings(new LoginLimitSettings.Allowance(perMinute, perHour),
                new LoginLimitSettings.Allowance(100_000, 200_000), 64, 1000);
        TimeMeter clock = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        LoginAllowanceRepository rows = context.getBean(LoginAllowanceRepository.class);
        return new LoginLimits[] {new LoginLimits(rows, settings, clock), new LoginLimits(rows, settings, clock)};
    }

    @Test
    void aUsernamesAllowanceIsSharedByEveryNodeAndBacksOffThenRefills() {
        AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(NOW.toEpochMilli()));
        LoginLimits[] nodes = twoNodesOfLoginLimits(nanos, 3, 100);
        String username = "shared-" + random(4)[0];

        assertThat(nodes[0].admit(username, "192.0.2.1")).isInstanceOf(LoginLimitPort.Admission.Admitted.class);
        assertThat(nodes[1].admit(username, "192.0.2.2")).isInstanceOf(LoginLimitPort.Admission.Admitted.class);
        assertThat(nodes[0].admit(username, "192.0.2.3")).isInstanceOf(LoginLimitPort.Admission.Admitted.class);
        LoginLimitPort.Admission spent = nodes[1].admit(username, "192.0.2.4");

        assertThat(spent).isInstanceOf(LoginLimitPort.Admission.Refused.class);
        assertThat(((LoginLimitPort.Admission.Refused) spent).retryAfter())
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(20));
        assertThat(nodes[1].admit(username, "192.0.2.4")).isInstanceOf(LoginLimitPort.Admission.Admitted.class);
    }

    @Test
    void concurrentGuessesOnTwoNodesNeverExceedTheHourlyCeiling() throws Exception {
        AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(NOW.toEpochMilli()));
        LoginLimits[] nodes = twoNodesOfLoginLimits(nanos, 1000, 40);
        String username = "contended-" + random(4)[0];
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService guessers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int guesser = 0; guesser < 8; guesser++) {
                LoginLimits node = nodes[guesser % 2];
                String address = "198.51.100." + guesser;
                runs.add(guessers.submit(() -> {
                    for (int attempt = 0; attempt < 10; attempt++) {
                        if (node.admit(username, address) instanceof LoginLimitPort.Admission.Admitted) {
                            admitted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            guessers.shutdownNow();
        }

        // Half the ceiling is the burst; the other half refills over the hour, and the clock did not move.
        assertThat(admitted.get()).isEqualTo(20);
    }

    @Test
    void aSuccessGivesItsAttemptBackAndAnUnlockRefillsAtOnce() {
        AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(NOW.toEpochMilli()));
        LoginLimits[] nodes = twoNodesOfLoginLimits(nanos, 2, 100);
        String username = "unlocked-" + random(4)[0];

        nodes[0].admit(username, "192.0.2.1");
        nodes[0].giveBack(username, "192.0.2.1");
        nodes[0].admit(username, "192.0.2.1");
        nodes[0].admit(username, "192.0.2.1");
        assertThat(nodes[1].admit(username, "192.0.2.1")).isInstanceOf(LoginLimitPort.Admission.Refused.class);

        nodes[1].refill(username);

        assertThat(nodes[0].admit(username, "192.0.2.1")).isInstanceOf(LoginLimitPort.Admission.Admitted.class);
    }

    @Test
    void addressesInOneIpv6PrefixShareAnAllowance() {
        LoginLimits limits = twoNodesOfLoginLimits(new AtomicLong(), 5, 100)[0];

        assertThat(limits.countedAs("2001:db8:1:2:aaaa::1")).isEqualTo(limits.countedAs("2001:db8:1:2:bbbb::9"))
                .isNotEqualTo(limits.countedAs("2001:db8:1:3::1"));
        assertThat(limits.countedAs("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(limits.countedAs("not:an.address:zz")).isEqualTo("not:an.address:zz");
    }

    @Test
    void serverKeysAreStoredOnlyWrappedByTheMasterKey() {
        derivation.derive(random(32));
        byte[] key = context.getBean(ServerKeys.class).keyFor(HmacSecretDerivation.PURPOSE);
        String material = context.getBean(ServerKeyRepository.class).findMaterial(HmacSecretDerivation.PURPOSE)
                .orElseThrow();

        assertThat(material).startsWith("v1:" + context.getBean(MasterKeys.class).current().id() + ":")
                .doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex(key))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(key));
    }

    @Test
    void aNodeWithAnotherMasterKeyCannotOpenTheStoredKeys() {
        derivation.derive(random(32));
        ServerKeys stranger = new ServerKeys(context.getBean(ServerKeyRepository.class),
                new MasterKeys(MasterKey.generate(), List.of()));

        assertThatThrownBy(() -> stranger.keyFor(HmacSecretDerivation.PURPOSE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("which this node was not given");
    }

    @Test
    void keysInClearOrUnderAPreviousMasterKeyAreWrappedByTheCurrentOneAtStartUp() {
        ServerKeyRepository rows = context.getBean(ServerKeyRepository.class);
        byte[] legacy = random(32);
        String clearPurpose = "clear-" + java.util.HexFormat.of().formatHex(random(4));
        rows.insertIfAbsent(clearPurpose, java.util.HexFormat.of().formatHex(legacy), NOW);
        MasterKey old = MasterKey.generate();
        MasterKey current = MasterKey.generate();
        String oldPurpose = "old-" + java.util.HexFormat.of().formatHex(random(4));
        byte[] underOld = new ServerKeys(rows, new MasterKeys(old, List.of())).keyFor(oldPurpose);
        // Rows other tests left are wrapped by the context's key; this node is told of it as a previous key too.
        MasterKey contextKey = context.getBean(MasterKeys.class).current();

        new ServerKeys(rows, new MasterKeys(current, List.of(old, contextKey))).onApplicationEvent(null);

        ServerKeys afterRotation = new ServerKeys(rows, new MasterKeys(current, List.of()));
        assertThat(afterRotation.keyFor(clearPurpose)).isEqualTo(legacy);
        assertThat(afterRotation.keyFor(oldPurpose)).isEqualTo(underOld);
        assertThat(rows.findMaterial(clearPurpose).orElseThrow()).startsWith("v1:" + current.id());
        assertThatThrownBy(() -> new ServerKeys(rows, new MasterKeys(old, List.of())).keyFor(oldPurpose))
                .isInstanceOf(IllegalStateException.class);
        // Put every row back under the context's key, for the tests that follow.
        new ServerKeys(rows, new MasterKeys(contextKey, List.of(current))).onApplicationEvent(null);
    }

    @Test
    void aWrappedKeyMovedToAnotherRowDoesNotOpen() {
        MasterKey key = MasterKey.generate();
        String wrapped = key.wrap(random(32), "purpose-a");

        assertThatThrownBy(() -> key.unwrap(wrapped, "purpose-b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moved from another row");
    }

    @Test
    void usernamesAreOneAccountWhateverTheirCase() {
        String suffix = java.util.HexFormat.of().formatHex(random(4));
        Account mixed = Account.create(AccountId.fromRandomBytes(random(16)), Username.of("Mixed.Case-" + suffix),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);
        Account shouting = Account.create(AccountId.fromRandomBytes(random(16)), Username.of("MIXED.CASE-" + suffix),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);

        assertThat(accounts.saveNew(mixed)).isEqualTo(SaveAccountPort.SaveOutcome.SAVED);
        assertThat(accounts.saveNew(shouting)).isEqualTo(SaveAccountPort.SaveOutcome.USERNAME_TAKEN);
        assertThat(accounts.loadByUsername(Username.of("mixed.case-" + suffix))).get()
                .satisfies(found -> assertThat(found.username().value()).as("kept as spelt")
                        .isEqualTo("Mixed.Case-" + suffix));
    }
}
