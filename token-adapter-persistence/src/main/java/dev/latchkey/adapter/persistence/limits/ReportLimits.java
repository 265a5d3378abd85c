package dev.latchkey.adapter.persistence.limits;

import dev.latchkey.application.port.out.ReportLimitPort;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import java.time.Duration;

/**
 * Allowances of public leak reports per client address, with Bucket4j, kept in the database beside the login
 * allowances so that every node counts against the same hour: the report endpoint needs no credentials, so one source
 * spread over nodes must not get more than the configured reports.
 */
final class ReportLimits implements ReportLimitPort {

    /** Keeps these keys apart from the login and issuance allowances' before hashing. */
    private static final String KEY_PREFIX = "leak-report:";

    private final SharedAllowances allowances;
    private final BucketConfiguration perAddress;
    private final int ipv6PrefixBits;

    ReportLimits(LoginAllowanceRepository rows, long perHour, int ipv6PrefixBits, TimeMeter time) {
        if (perHour < 1) {
            throw new IllegalArgumentException("an address must be allowed at least one report an hour");
        }
        this.allowances = new SharedAllowances(rows, ClientSideConfig.getDefault().withClientClock(time));
        this.perAddress = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
                .build();
        this.ipv6PrefixBits = ipv6PrefixBits;
    }

    @Override
    public Admission admit(String address) {
        ConsumptionProbe probe = allowances.builder().build(SharedAllowances.keyOf(KEY_PREFIX
                + CountedAddresses.countedAs(address, ipv6PrefixBits)), perAddress)
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? new Admission.Admitted()
                : new Admission.Refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
