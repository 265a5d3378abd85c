package dev.latchkey.adapter.rest.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Latchkey may send a request of its own: {@code https} (or {@code http}) to a host whose every address is
 * public. A request to a loopback, private, link-local or otherwise internal address would let whoever sets the URL
 * reach what only this host can reach (server-side request forgery), so it is refused before any connection is made,
 * unless the installation allows internal destinations ({@code allowInternal}: tests, and sites whose GitHub
 * Enterprise or mirror lives inside).
 */
public final class OutboundDestinations {

    private final boolean allowInternal;

    public OutboundDestinations(boolean allowInternal) {
        this.allowInternal = allowInternal;
    }

    /** Why the URI may not be requested; empty when it may. */
    public Optional<String> refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("only http and https URLs are fetched");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("the URL names no host, or carries credentials");
        }
        if (allowInternal) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException unknown) {
            return Optional.of("the host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("the host resolves to an internal address (" + address.getHostAddress()
                        + "); allow internal destinations to fetch from it");
            }
        }
        return Optional.empty();
    }

    /** Loopback, unspecified, private, link-local, shared (RFC 6598), unique-local IPv6, multicast. */
    public static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || first == 100 && second >= 64 && second < 128 || first >= 240;
        }
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc;
        }
        return false;
    }
}
