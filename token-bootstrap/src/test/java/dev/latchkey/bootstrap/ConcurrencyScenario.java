package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase.PresentedToken;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase.IssueTokenCommand;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase.RevokeTokenCommand;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.Username;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads issuing, using and revoking the same tokens through the real use cases and store: no update is lost,
 * a revoked token never comes back, and {@code lastUsedAt} never goes backwards.
 */
abstract class ConcurrencyScenario extends ServiceOnTestDatabase {

    private static final int THREADS = 16;

    private ApplicationContext context;
    private Caller admin;
    private ExecutorService pool;

    /** More connections than threads would hide contention; fewer would make threads queue for the pool instead. */
    @Override
    protected Map<String, Object> settings() {
        return Map.of("datasources.default.maximum-pool-size", 8);
    }

    @BeforeAll
    void findTheAdministrator() {
        context = node().context();
        Account account = context.getBean(LoadAccountPort.class).loadByUsername(Username.of(LatchkeyNode.ADMIN))
                .orElseThrow();
        admin = Caller.byPassword(account.id(), account.username(), account.role());
    }

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private IssueTokenUseCase.Outcome.Issued issue() {
        return (IssueTokenUseCase.Outcome.Issued) context.getBean(IssueTokenUseCase.class).issue(new IssueTokenCommand(
                admin, TokenDescription.of("load"), Scopes.none(),
                Optional.of(Lifetime.never())));
    }

    private <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
            results.add(future.get());
        }
        return results;
    }

    record Attempt(long startedNanos, boolean accepted) {
    }

    @Test
    void onceARevocationReturnsNoUseIsAcceptedAnyMore() throws Exception {
        String secret = issue().credential();
        AuthenticateUseCase authenticate = context.getBean(AuthenticateUseCase.class);
        CountDownLatch enoughUses = new CountDownLatch(200);
        AtomicBoolean stop = new AtomicBoolean();
        List<Callable<List<Attempt>>> users = new ArrayList<>();
        for (int i = 0; i < THREADS - 1; i++) {
            users.add(() -> {
                List<Attempt> attempts = new ArrayList<>();
                while (!stop.get()) {
                    long started = System.nanoTime();
                    boolean accepted = authenticate.authenticate(new PresentedToken(secret))
                            instanceof AuthenticateUseCase.Outcome.Authenticated;
                    attempts.add(new Attempt(started, accepted));
                    enoughUses.countDown();
                }
                return attempts;
            });
        }
        List<Future<List<Attempt>>> running = users.stream().map(pool::submit).toList();

        assertThat(enoughUses.await(1, TimeUnit.MINUTES)).isTrue();
        Token token = context.getBean(LoadTokenPort.class).loadBySecretHash(
                dev.latchkey.domain.TokenSecret.parse(secret).orElseThrow().hash()).orElseThrow();
        RevokeTokenUseCase.Outcome revoked = context.getBean(RevokeTokenUseCase.class)
                .revoke(new RevokeTokenCommand(admin, token.id(), RevocationReason.REQUESTED));
        long revocationReturned = System.nanoTime();
        Thread.sleep(200);
        stop.set(true);

        List<Attempt> attempts = new ArrayList<>();
        for (Future<List<Attempt>> user : running) {
            attempts.addAll(user.get(1, TimeUnit.MINUTES));
        }
        assertThat(revoked).isInstanceOf(RevokeTokenUseCase.Outcome.Revoked.class);
        assertThat(attempts).filteredOn(Attempt::accepted).hasSizeGreaterThanOrEqualTo(200);
        List<Attempt> afterRevocation = attempts.stream()
                .filter(attempt -> attempt.startedNanos() > revocationReturned).toList();
        assertThat(afterRevocation).as("attempts started after the revocation returned").isNotEmpty()
                .noneMatch(Attempt::accepted);
        Token stored = context.getBean(LoadTokenPort.class).loadById(token.id()).orElseThrow();
        assertThat(stored.revocation()).isPresent();
        assertThat(stored.lastUsedAt()).as("the uses before the revocation were not lost").isPresent();
    }

    @Test
    void lastUsedAtNeverGoesBackwards() throws Exception {
        IssueTokenUseCase.Outcome.Issued issued = issue();
        AuthenticateUseCase authenticate = context.getBean(AuthenticateUseCase.class);
        LoadTokenPort tokens = context.getBean(LoadTokenPort.class);
        AtomicBoolean stop = new AtomicBoolean();
        List<Callable<List<Instant>>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS - 2; i++) {
            tasks.add(() -> {
                for (int use = 0; use < 150; use++) {
                    authenticate.authenticate(new PresentedToken(issued.credential()));
                }
                return List.of();
            });
        }
        for (int reader = 0; reader < 2; reader++) {
            tasks.add(() -> {
                List<Instant> seen = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                // Reads are served from memory and are fast: sample until the users are done, keeping a bounded number.
                while ((!stop.get() || seen.isEmpty()) && System.nanoTime() < deadline) {
                    Optional<Instant> lastUsedAt = tokens.loadById(issued.token().id()).flatMap(Token::lastUsedAt);
                    if (lastUsedAt.isPresent() && (seen.isEmpty() || !lastUsedAt.get().equals(seen.get(seen.size() - 1)))
                            && seen.size() < 100_000) {
                        seen.add(lastUsedAt.get());
                    }
                }
                return seen;
            });
        }
        List<Future<List<Instant>>> futures = tasks.stream().map(pool::submit).toList();
        for (int i = 0; i < THREADS - 2; i++) {
            futures.get(i).get(1, TimeUnit.MINUTES);
        }
        stop.set(true);

        for (int reader = THREADS - 2; reader < THREADS; reader++) {
            List<Instant> seen = futures.get(reader).get(1, TimeUnit.MINUTES);
            assertThat(seen).isNotEmpty();
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i)).as("read %d after read %d", i, i - 1).isAfterOrEqualTo(seen.get(i - 1));
            }
        }
    }

    @Test
    void concurrentRevocationsRecordExactlyOne() throws Exception {
        IssueTokenUseCase.Outcome.Issued issued = issue();
        RevokeTokenUseCase revoke = context.getBean(RevokeTokenUseCase.class);
        CountDownLatch gate = new CountDownLatch(1);
        List<Callable<RevokeTokenUseCase.Outcome>> revokers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            revokers.add(() -> {
                gate.await();
                return revoke.revoke(new RevokeTokenCommand(admin, issued.token().id(), RevocationReason.REQUESTED));
            });
        }
        List<Future<RevokeTokenUseCase.Outcome>> futures = revokers.stream().map(pool::submit).toList();
        gate.countDown();
        List<RevokeTokenUseCase.Outcome> outcomes = new ArrayList<>();
        for (Future<RevokeTokenUseCase.Outcome> future : futures) {
            outcomes.add(future.get(1, TimeUnit.MINUTES));
        }

        List<RevokeTokenUseCase.Outcome> winners = outcomes.stream()
                .filter(RevokeTokenUseCase.Outcome.Revoked.class::isInstance).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn(RevokeTokenUseCase.Outcome.AlreadyRevoked.class::isInstance)
                .hasSize(THREADS - 1);
        Token winner = ((RevokeTokenUseCase.Outcome.Revoked) winners.get(0)).details().token();
        assertThat(context.getBean(LoadTokenPort.class).loadById(issued.token().id()).orElseThrow().revocation())
                .isEqualTo(winner.revocation());
    }

    @Test
    void concurrentRotationsWithOneIdempotencyKeyAllGetTheSameReplacement() throws Exception {
        IssueTokenUseCase.Outcome.Issued issued = issue();
        dev.latchkey.application.port.in.RotateTokenUseCase rotate =
                context.getBean(dev.latchkey.application.port.in.RotateTokenUseCase.class);
        long before = context.getBean(LoadTokenPort.class).countOwnedBy(admin.accountId());
        CountDownLatch gate = new CountDownLatch(1);
        List<Callable<dev.latchkey.application.port.in.RotateTokenUseCase.Outcome>> rotations = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            rotations.add(() -> {
                gate.await();
                return rotate.rotate(new dev.latchkey.application.port.in.RotateTokenUseCase.RotateTokenCommand(
                        admin, issued.token().id(), java.time.Duration.ofMinutes(1),
                        Optional.of(dev.latchkey.domain.IdempotencyKey.of("same-key"))));
            });
        }
        List<Future<dev.latchkey.application.port.in.RotateTokenUseCase.Outcome>> futures =
                rotations.stream().map(pool::submit).toList();
        gate.countDown();
        Set<String> credentials = ConcurrentHashMap.newKeySet();
        for (Future<dev.latchkey.application.port.in.RotateTokenUseCase.Outcome> future : futures) {
            dev.latchkey.application.port.in.RotateTokenUseCase.Outcome outcome = future.get(1, TimeUnit.MINUTES);
            assertThat(outcome).isInstanceOf(dev.latchkey.application.port.in.RotateTokenUseCase.Outcome.Rotated.class);
            credentials.add(((dev.latchkey.application.port.in.RotateTokenUseCase.Outcome.Rotated) outcome)
                    .replacement().credential());
        }

        assertThat(credentials).as("one replacement, handed to every retry").hasSize(1);
        assertThat(context.getBean(LoadTokenPort.class).countOwnedBy(admin.accountId())).isEqualTo(before + 1);
    }

    @Test
    void parallelIssuesAllLandWithDistinctIdsAndSecrets() throws Exception {
        long before = context.getBean(LoadTokenPort.class).countOwnedBy(admin.accountId());
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Set<String> hashes = ConcurrentHashMap.newKeySet();
        AtomicInteger issued = new AtomicInteger();
        List<Callable<Void>> issuers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            issuers.add(() -> {
                for (int n = 0; n < 20; n++) {
                    IssueTokenUseCase.Outcome.Issued token = issue();
                    ids.add(token.token().id().toString());
                    hashes.add(token.credentialHash().toHex());
                    issued.incrementAndGet();
                }
                return null;
            });
        }
        runAll(issuers);

        assertThat(issued).hasValue(THREADS * 20);
        assertThat(ids).hasSize(THREADS * 20);
        assertThat(hashes).hasSize(THREADS * 20);
        assertThat(context.getBean(LoadTokenPort.class).countOwnedBy(admin.accountId()))
                .isEqualTo(before + THREADS * 20);
    }
}
