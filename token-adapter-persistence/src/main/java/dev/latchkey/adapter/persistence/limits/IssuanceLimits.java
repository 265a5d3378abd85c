package dev.latchkey.adapter.persistence.limits;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.application.port.out.IssuanceLimitPort;
import dev.latchkey.domain.AccountId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Allowances of new tokens per account, with Bucket4j, kept in the database beside the login allowances, so that an
 * account spread over nodes still gets no more than the configured tokens. Two bandwidths, as for logins: a burst
 * per minute refilled evenly, and half the hourly ceiling refilled evenly over the hour, so that no sliding hour holds
 * more than the ceiling. The requests of one account that arrive together outside a transaction take from its row
 * together ({@link CoalescedTaking}).
 */
final class IssuanceLimits implements IssuanceLimitPort {

    /** Apart from the login allowances' keys, which are SHA-256 hex digests. */
    private static final String KEY_PREFIX = "issuance:";

    private final JdbcTransactions transactions;
    private final SharedAllowances allowances;
    private final BucketConfiguration perAccount;
    private final ConcurrentHashMap<AccountId, CoalescedTaking> takings = new ConcurrentHashMap<>();

    IssuanceLimits(LoginAllowanceRepository rows, JdbcTransactions transactions, long perMinute, long perHour,
                   TimeMeter time) {
        if (perMinute < 1 || perHour < 2) {
            throw new IllegalArgumentException("an account must be allowed at least one token a minute and two an "
                    + "hour");
        }
        this.transactions = transactions;
        this.allowances = new SharedAllowances(rows, ClientSideConfig.getDefault().withClientClock(time));
        this.perAccount = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .addLimit(Bandwidth.builder().capacity(perHour / 2).refillGreedy(perHour / 2, Duration.ofHours(1))
                        .build())
                .build();
    }

    @Override
    public Admission admit(AccountId account) {
        if (transactions.inTransaction()) {
            // Inside a caller's transaction the row stays locked until that transaction commits, and the caller may
            // already hold other rows (its account's): it takes alone. Were it to wait in a batch while holding them,
            // the batch's taker could wait for the row behind a transaction that waits for those: a cycle between a
            // lock here and locks in the store, which no database sees (found by KillNineDurabilityTest's refreshes).
            CoalescedTaking.Taken taken = takeFromTheRow(account, 1);
            return taken.granted() == 1 ? new Admission.Admitted()
                    : new Admission.Refused(Duration.ofNanos(taken.nanosUntilNext()));
        }
        CoalescedTaking taking = takings.computeIfAbsent(account, absent -> new CoalescedTaking());
        try {
            long nanosToWait = taking.take(wanted -> takeFromTheRow(account, wanted));
            return nanosToWait < 0 ? new Admission.Admitted() : new Admission.Refused(Duration.ofNanos(nanosToWait));
        } finally {
            // Forgotten when idle, so that the map holds only the accounts issuing now. A request that found it just
            // before it went takes with it alone, in a take of its own: still exact, since the row decides.
            if (taking.isIdle()) {
                takings.remove(account, taking);
            }
        }
    }

    private CoalescedTaking.Taken takeFromTheRow(AccountId account, long wanted) {
        BucketProxy bucket = allowances.builder().build(KEY_PREFIX + account.value(), perAccount);
        long granted = bucket.tryConsumeAsMuchAsPossible(wanted);
        long nanosUntilNext = granted < wanted ? bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() : 0;
        return new CoalescedTaking.Taken(granted, nanosUntilNext);
    }
}
