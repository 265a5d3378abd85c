package dev.latchkey.adapter.persistence.limits;

/**
 * How many failed logins are allowed per username and per client address, in any minute and in any hour.
 *
 * @param perAddressPrefix how a client address is counted: IPv6 addresses by their /64 prefix, since one
 *                         subscriber commonly holds a whole /64 and could otherwise rotate through it
 */
record LoginLimitSettings(Allowance perUsername, Allowance perAddress, int ipv6PrefixBits,
                          long maximumTrackedAddresses) {

    LoginLimitSettings {
        if (ipv6PrefixBits < 1 || ipv6PrefixBits > 128) {
            throw new IllegalArgumentException("latchkey.login.ipv6-prefix-bits must be 1 to 128");
        }
        if (maximumTrackedAddresses < 1) {
            throw new IllegalArgumentException("latchkey.login.maximum-tracked-addresses must be positive");
        }
    }

    /**
     * A burst allowance per minute, which makes quick guessing back off, and a ceiling per hour that no sliding
     * one-hour window can exceed.
     */
    record Allowance(long perMinute, long perHour) {
        Allowance {
            if (perMinute < 1 || perHour < 2) {
                throw new IllegalArgumentException(
                        "A login allowance needs at least 1 failure per minute and 2 per hour");
            }
        }
    }
}
