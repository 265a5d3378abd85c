package dev.latchkey.adapter.persistence.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort.ConsumptionWrite;
import dev.latchkey.application.port.out.UpdateTokenStatePort.RevocationWrite;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.IdempotencyKey;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Rotation;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens, their uses, revocations, rotations and the active-token limit. Each subclass runs it against one real
 * database, migrated by the same Flyway scripts the service uses.
 */
abstract class TokenStoreContract extends StoreContract {

    private TokenPersistenceAdapter tokens;
    private LoadAccountPort accounts;
    private RotationLedgerAdapter rotations;
    private TokenUses uses;

    @BeforeAll
    void adapters() {
        tokens = context.getBean(TokenPersistenceAdapter.class);
        accounts = context.getBean(LoadAccountPort.class);
        rotations = context.getBean(RotationLedgerAdapter.class);
        uses = context.getBean(TokenUses.class);
    }

    @Test
    void tokensRoundTripWithEveryField() {
        Token token = newToken(newAccount(), NOW, Expiry.at(NOW.plusSeconds(3600)));

        assertThat(tokens.loadById(token.id())).contains(token);
        assertThat(tokens.loadBySecretHash(token.secretHash())).contains(token);
    }

    @Test
    void aTokenBoundToAKeyRoundTripsWithItsThumbprintOnEveryRead() {
        Account owner = newAccount();
        dev.latchkey.domain.KeyThumbprint key = dev.latchkey.domain.KeyThumbprint.of(
                "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        Token bound = save(dev.latchkey.domain.TokenAttributes.personal(dev.latchkey.domain.TokenId.fromRandomBytes(
                random(16)), owner.id(), dev.latchkey.domain.TokenDescription.of("bound"),
                dev.latchkey.domain.Scopes.of("read"), Expiry.at(NOW.plusSeconds(3600))).withProofKey(
                java.util.Optional.of(key)), NOW);

        assertThat(tokens.loadById(bound.id())).contains(bound);
        assertThat(tokens.loadById(bound.id()).orElseThrow().proofKey()).contains(key);
        assertThat(tokens.loadBySecretHash(bound.secretHash()).orElseThrow().proofKey()).contains(key);
        assertThat(tokens.loadOwnedBy(owner.id(), 0, 10)).singleElement().satisfies(listed ->
                assertThat(listed.proofKey()).contains(key));
        Token bearer = newToken(owner, NOW, Expiry.never());
        assertThat(tokens.loadById(bearer.id()).orElseThrow().proofKey()).isEmpty();
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
}
