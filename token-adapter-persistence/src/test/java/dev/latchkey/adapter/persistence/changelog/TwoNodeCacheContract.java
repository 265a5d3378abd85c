package dev.latchkey.adapter.persistence.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.adapter.persistence.TestDatabase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.application.port.out.SavePolicyPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.Username;
import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes on one database, each with its own caches: whatever one node changes, the other stops answering with
 * the old state by the time the change is answered (ADR 10). Node B's change-log reads can be stalled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodeCacheContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private TestDatabase database;
    private ApplicationContext nodeA;
    private ApplicationContext nodeB;
    private SaveTokenPort issuesA;
    private UpdateTokenStatePort revocationsA;
    private LoadTokenPort tokensB;
    private StallableChangeLogReader readerB;
    private ChangeFeed feedB;

    protected abstract TestDatabase database();

    @BeforeAll
    void startTwoNodes() {
        database = database();
        Map<String, Object> properties = new HashMap<>(database.start());
        properties.put("flyway.datasources.default.enabled", true);
        nodeA = ApplicationContext.run(properties);
        properties.put("spec.name", StallableChangeLogReader.SPEC);
        nodeB = ApplicationContext.run(properties);
        issuesA = nodeA.getBean(SaveTokenPort.class);
        revocationsA = nodeA.getBean(UpdateTokenStatePort.class);
        tokensB = nodeB.getBean(LoadTokenPort.class);
        readerB = nodeB.getBean(StallableChangeLogReader.class);
        feedB = nodeB.getBean(ChangeFeed.class);
    }

    @AfterAll
    void stopTwoNodes() throws Exception {
        readerB.resume();
        nodeA.close();
        nodeB.close();
        database.close();
    }

    @Test
    void aRevocationAnsweredByOneNodeHoldsOnTheOtherAtOnce() {
        Account owner = newAccount(nodeA);
        for (int round = 0; round < 20; round++) {
            Token token = newToken(owner);
            assertThat(tokensB.loadBySecretHash(token.secretHash())).hasValueSatisfying(this::active);
            assertThat(tokensB.loadBySecretHash(token.secretHash())).as("now from B's cache")
                    .hasValueSatisfying(this::active);

            revocationsA.recordRevocation(token.id(), Optional.empty(), new Revocation(Instant.now(), RevocationReason.REQUESTED));

            assertThat(tokensB.loadBySecretHash(token.secretHash())).as("round %d", round)
                    .hasValueSatisfying(cached -> assertThat(cached.revocation()).isPresent());
        }
    }

    @Test
    void accountAndPartnerChangesHoldOnTheOtherNodeAtOnce() {
        UpdateAccountPort accountsA = nodeA.getBean(UpdateAccountPort.class);
        LoadAccountPort accountsB = nodeB.getBean(LoadAccountPort.class);
        SavePartnerPort partnersA = nodeA.getBean(SavePartnerPort.class);
        LoadPartnerPort partnersB = nodeB.getBean(LoadPartnerPort.class);
        Account account = newAccount(nodeA);
        Partner partner = new Partner(new PartnerId(RANDOM.nextInt(1_000_000) + 1L), "Acme", true, NOW);
        assertThat(partnersA.saveNew(partner)).isEqualTo(SavePartnerPort.SaveOutcome.SAVED);
        assertThat(accountsB.loadById(account.id())).hasValueSatisfying(cached -> assertThat(cached.enabled()).isTrue());
        assertThat(partnersB.loadById(partner.id())).hasValueSatisfying(
                cached -> assertThat(cached.agreementsSigned()).isTrue());

        accountsA.update(account.withEnabled(false));
        partnersA.update(partner.withAgreementsSigned(false));

        assertThat(accountsB.loadById(account.id())).hasValueSatisfying(cached -> assertThat(cached.enabled()).isFalse());
        assertThat(partnersB.loadById(partner.id())).hasValueSatisfying(
                cached -> assertThat(cached.agreementsSigned()).isFalse());
    }

    @Test
    void aPolicySetWhereNoneWasHoldsOnTheOtherNodeAtOnceAndSoDoesItsRemoval() {
        SavePolicyPort policiesA = nodeA.getBean(SavePolicyPort.class);
        LoadPolicyPort policiesB = nodeB.getBean(LoadPolicyPort.class);
        LoadPolicyPort.Scope organization = new LoadPolicyPort.Scope.OfOrganization(
                Organization.of("Teal " + RANDOM.nextInt(1_000_000)));
        TokenPolicy strict = new TokenPolicy(Lifetime.of(java.time.Duration.ofDays(7)), java.time.Duration.ofDays(30),
                Set.of(Role.ADMIN), Optional.of(3), Optional.empty());
        assertThat(policiesB.load(organization)).isEmpty();
        assertThat(policiesB.load(organization)).as("now B remembers there is none").isEmpty();

        policiesA.save(organization, strict);
        assertThat(policiesB.load(organization)).contains(strict);

        policiesA.remove(organization);
        assertThat(policiesB.load(organization)).isEmpty();
    }

    @Test
    void aNodeThatCannotReadTheLogStopsTrustingItsCacheAndReadsTheStore() throws Exception {
        Token token = newToken(newAccount(nodeA));
        assertThat(tokensB.loadBySecretHash(token.secretHash())).hasValueSatisfying(this::active);
        readerB.stall();
        try {
            awaitStalledRead();

            revocationsA.recordRevocation(token.id(), Optional.empty(), new Revocation(Instant.now(), RevocationReason.REQUESTED));

            assertThat(feedB.isFresh()).as("B's view is older than its lease").isFalse();
            assertThat(tokensB.loadBySecretHash(token.secretHash()))
                    .hasValueSatisfying(stored -> assertThat(stored.revocation()).isPresent());
        } finally {
            readerB.resume();
        }
    }

    @Test
    void aChangeThatCommitsLateIsNotSkipped() throws Exception {
        Account owner = newAccount(nodeA);
        Token early = newToken(owner);
        Token late = newToken(owner);
        assertThat(tokensB.loadBySecretHash(early.secretHash())).hasValueSatisfying(this::active);
        assertThat(tokensB.loadBySecretHash(late.secretHash())).hasValueSatisfying(this::active);
        JdbcTransactions transactionsA = nodeA.getBean(JdbcTransactions.class);
        CountDownLatch lateHasWritten = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);

        // The late revocation takes its place in the log first, then holds its transaction open.
        CompletableFuture<Void> lateWriter = CompletableFuture.runAsync(() -> transactionsA.inTransaction(() -> {
            revocationsA.recordRevocation(late.id(), Optional.empty(), new Revocation(Instant.now(), RevocationReason.REQUESTED));
            lateHasWritten.countDown();
            await(mayCommit);
            return null;
        }));
        assertThat(lateHasWritten.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> earlyWriter = CompletableFuture.runAsync(() -> revocationsA.recordRevocation(early.id(), Optional.empty(), new Revocation(Instant.now(), RevocationReason.REQUESTED)));
        Thread.sleep(300);
        assertThat(tokensB.loadBySecretHash(late.secretHash())).as("not committed yet")
                .hasValueSatisfying(this::active);

        mayCommit.countDown();
        lateWriter.get(10, TimeUnit.SECONDS);
        earlyWriter.get(10, TimeUnit.SECONDS);

        assertThat(tokensB.loadBySecretHash(late.secretHash()))
                .hasValueSatisfying(cached -> assertThat(cached.revocation()).isPresent());
        assertThat(tokensB.loadBySecretHash(early.secretHash()))
                .hasValueSatisfying(cached -> assertThat(cached.revocation()).isPresent());
    }

    private void awaitStalledRead() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (readerB.stalledReads() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(readerB.stalledReads()).isPositive();
    }

    private void active(Token token) {
        assertThat(token.isActiveAt(Instant.now())).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] random(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Account newAccount(ApplicationContext node) {
        Account account = Account.create(AccountId.fromRandomBytes(random(16)),
                Username.of("user-" + AccountId.fromRandomBytes(random(16)).value().toString().substring(0, 8)),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);
        assertThat(node.getBean(SaveAccountPort.class).saveNew(account))
                .isEqualTo(SaveAccountPort.SaveOutcome.SAVED);
        return account;
    }

    private Token newToken(Account owner) {
        Token token = Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(random(16)), owner.id(),
                TokenDescription.of("cached"), Scopes.of("read"), Expiry.never()), NOW,
                TokenSecret.fromRandomBytes(random(32)).hash()).token();
        issuesA.saveNew(token, StoreContract.issueOf(token));
        return token;
    }
}
