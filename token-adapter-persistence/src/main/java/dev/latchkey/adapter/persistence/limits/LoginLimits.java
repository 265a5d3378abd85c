package dev.latchkey.adapter.persistence.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.application.port.out.LoginLimitPort;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import java.time.Duration;

/**
 * Allowances of password attempts, with Bucket4j. A username's allowance lives in the database, shared by every node,
 * so that a guesser who spreads over nodes still gets no more than the configured failures per hour. An address's
 * allowance lives in this node's memory: it is there to shed one source's flood cheaply, before any hashing or any
 * database work, and a node can decide that alone.
 *
 * <p>Each allowance has two bandwidths: a burst per minute, refilled evenly, so that quick guessing backs off to one
 * attempt every few seconds; and half the hourly ceiling as capacity, refilled evenly over the hour, so that no
 * sliding hour holds more failures than the ceiling.
 */
final class LoginLimits implements LoginLimitPort {

    private final SharedAllowances usernames;
    private final BucketConfiguration perUsername;
    private final BucketConfiguration perAddress;
    private final TimeMeter time;
    private final int ipv6PrefixBits;
    private final Cache<String, Bucket> addresses;

    LoginLimits(LoginAllowanceRepository rows, LoginLimitSettings settings, TimeMeter time) {
        this.time = time;
        this.usernames = new SharedAllowances(rows, ClientSideConfig.getDefault().withClientClock(time));
        this.perUsername = configuration(settings.perUsername());
        this.perAddress = configuration(settings.perAddress());
        this.ipv6PrefixBits = settings.ipv6PrefixBits();
        // An address's bucket is full again an hour after its last use, so forgetting it then loses nothing.
        this.addresses = Caffeine.newBuilder().maximumSize(settings.maximumTrackedAddresses())
                .expireAfterAccess(Duration.ofHours(1)).build();
    }

    @Override
    public Admission admit(String usernameKey, String address) {
        Bucket addressBucket = addressBucket(address);
        ConsumptionProbe byAddress = addressBucket.tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            return refused(byAddress);
        }
        ConsumptionProbe byUsername = usernameBucket(usernameKey).tryConsumeAndReturnRemaining(1);
        if (!byUsername.isConsumed()) {
            // Counted against the address all the same: an address that keeps trying a locked username soon spends
            // its own allowance, and is then refused from memory, without the database read this refusal cost.
            return refused(byUsername);
        }
        return new Admission.Admitted();
    }

    @Override
    public void giveBack(String usernameKey, String address) {
        usernameBucket(usernameKey).addTokens(1);
        addressBucket(address).addTokens(1);
    }

    @Override
    public void refill(String usernameKey) {
        usernames.removeProxy(SharedAllowances.keyOf(usernameKey));
    }

    private Bucket usernameBucket(String usernameKey) {
        return usernames.builder().build(SharedAllowances.keyOf(usernameKey), perUsername);
    }

    private Bucket addressBucket(String address) {
        return addresses.get(countedAs(address), ignored -> Bucket.builder().addLimit(perAddress.getBandwidths()[0])
                .addLimit(perAddress.getBandwidths()[1]).withCustomTimePrecision(time).build());
    }

    /** The part of an address that is counted ({@link CountedAddresses}). */
    String countedAs(String address) {
        return CountedAddresses.countedAs(address, ipv6PrefixBits);
    }

    private static Admission refused(ConsumptionProbe probe) {
        return new Admission.Refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static BucketConfiguration configuration(LoginLimitSettings.Allowance allowance) {
        long hourlyCapacity = allowance.perHour() / 2;
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(allowance.perMinute())
                        .refillGreedy(allowance.perMinute(), Duration.ofMinutes(1)).build())
                .addLimit(Bandwidth.builder().capacity(hourlyCapacity)
                        .refillGreedy(hourlyCapacity, Duration.ofHours(1)).build())
                .build();
    }
}
