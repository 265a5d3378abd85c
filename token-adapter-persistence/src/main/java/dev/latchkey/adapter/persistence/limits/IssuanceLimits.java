package dev.latchkey.adapter.persistence.limits;

import dev.latchkey.application.port.out.IssuanceLimitPort;
import dev.latchkey.domain.AccountId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import java.time.Duration;

/**
 * Allowances of new tokens per account, with Bucket4j, kept in the database beside the login allowances, so that an
 * account spread over nodes still gets no more than the configured tokens. Two bandwidths, as for logins: a burst
 * per minute refilled evenly, and half the hourly ceiling refilled evenly over the hour, so that no sliding hour holds
 * more than the ceiling.
 */
final class IssuanceLimits implements IssuanceLimitPort {

    /** Apart from the login allowances' keys, which are SHA-256 hex digests. */
    private static final String KEY_PREFIX = "issuance:";

    private final SharedAllowances allowances;
    private final BucketConfiguration perAccount;

    IssuanceLimits(LoginAllowanceRepository rows, long perMinute, long perHour, TimeMeter time) {
        if (perMinute < 1 || perHour < 2) {
            throw new IllegalArgumentException("an account must be allowed at least one token a minute and two an "
                    + "hour");
        }
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
        ConsumptionProbe probe = allowances.builder().build(KEY_PREFIX + account.value(), perAccount)
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? new Admission.Admitted()
                : new Admission.Refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
