package dev.latchkey.adapter.persistence.limits;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The part of a client address an allowance counts: an IPv6 address by its prefix (one machine usually holds a whole
 * /64, so counting single addresses would count nothing), anything else as it is.
 */
final class CountedAddresses {

    /** Only characters of numeric IPv4 and IPv6 literals: such a string is parsed without any name lookup. */
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private CountedAddresses() {
    }

    static String countedAs(String address, int ipv6PrefixBits) {
        if (address.indexOf(':') < 0 || !ADDRESS_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            BigInteger prefix = new BigInteger(1, bytes).shiftRight(128 - ipv6PrefixBits);
            return prefix.toString(16) + "/" + ipv6PrefixBits;
        } catch (UnknownHostException notALiteral) {
            return address;
        }
    }
}
