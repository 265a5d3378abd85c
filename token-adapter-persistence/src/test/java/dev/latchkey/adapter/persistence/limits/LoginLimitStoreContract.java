package dev.latchkey.adapter.persistence.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.domain.AccountId;
import dev.latchkey.application.port.out.IssuanceLimitPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.ReportLimitPort;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Login allowances every node shares. Each subclass runs it against one real database, migrated by the same Flyway
 * scripts the service uses.
 */
abstract class LoginLimitStoreContract extends StoreContract {

    /** A clock the test moves. */
    private static TimeMeter clockAt(AtomicLong nanos) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Two nodes' limits over this database, on one clock the test moves. */
    private LoginLimits[] twoNodesOfLoginLimits(AtomicLong nanos, long perMinute, long perHour) {
        LoginLimitSettings settings = new LoginLimitSettings(new LoginLimitSettings.Allowance(perMinute, perHour),
                new LoginLimitSettings.Allowance(100_000, 200_000), 64, 1000);
        TimeMeter clock = clockAt(nanos);
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

    /**
     * An account's new tokens, asked for by many requests at once on two nodes: the requests of one node take from
     * the shared row together, and the two nodes together never get more than the allowance.
     */
    @Test
    void concurrentIssuancesOnTwoNodesTakeTogetherAndNeverExceedTheAllowance() throws Exception {
        AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(NOW.toEpochMilli()));
        TimeMeter clock = clockAt(nanos);
        LoginAllowanceRepository rows = context.getBean(LoginAllowanceRepository.class);
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);
        IssuanceLimits[] nodes = {new IssuanceLimits(rows, transactions, 50, 10_000, clock),
            new IssuanceLimits(rows, transactions, 50, 10_000, clock)};
        AccountId account = new AccountId(java.util.UUID.randomUUID());
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService issuers = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int issuer = 0; issuer < 16; issuer++) {
                IssuanceLimits node = nodes[issuer % 2];
                runs.add(issuers.submit(() -> {
                    for (int attempt = 0; attempt < 10; attempt++) {
                        if (node.admit(account) instanceof IssuanceLimitPort.Admission.Admitted) {
                            admitted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            issuers.shutdownNow();
        }

        // The minute's burst is 50, and the clock did not move.
        assertThat(admitted.get()).isEqualTo(50);
        assertThat(nodes[0].admit(account)).isInstanceOfSatisfying(IssuanceLimitPort.Admission.Refused.class,
                refused -> assertThat(refused.retryAfter()).isPositive());
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
    void anAddressesLeakReportsAreCountedOnEveryNodeAndItsIpv6PrefixReportsAsOne() {
        AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(NOW.toEpochMilli()));
        TimeMeter clock = clockAt(nanos);
        LoginAllowanceRepository rows = context.getBean(LoginAllowanceRepository.class);
        ReportLimits first = new ReportLimits(rows, 2, 64, clock);
        ReportLimits second = new ReportLimits(rows, 2, 64, clock);
        String prefix = "2001:db8:" + Integer.toHexString(random(2)[0] & 0xff) + ":1:";

        assertThat(first.admit(prefix + ":1")).isInstanceOf(ReportLimitPort.Admission.Admitted.class);
        assertThat(second.admit(prefix + "aaaa::2")).isInstanceOf(ReportLimitPort.Admission.Admitted.class);
        ReportLimitPort.Admission spent = first.admit(prefix + "bbbb::3");

        assertThat(spent).isInstanceOfSatisfying(ReportLimitPort.Admission.Refused.class, refused ->
                assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30)));
        assertThat(first.admit("192.0.2.200")).as("another address").isInstanceOf(
                ReportLimitPort.Admission.Admitted.class);
        assertThat(second.admit("login-key-space-is-apart")).isInstanceOf(ReportLimitPort.Admission.Admitted.class);
        nanos.addAndGet(TimeUnit.MINUTES.toNanos(30));
        assertThat(second.admit(prefix + "cccc::4")).isInstanceOf(ReportLimitPort.Admission.Admitted.class);
    }
}
