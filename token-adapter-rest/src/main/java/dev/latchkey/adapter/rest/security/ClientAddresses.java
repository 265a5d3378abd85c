package dev.latchkey.adapter.rest.security;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The network address a request came from, which failed logins are counted against.
 *
 * <p>It is the TCP peer's address, unless that peer is one of the configured {@code latchkey.http.trusted-proxies}:
 * then it is the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. A client can write
 * anything into that header, so it is believed only as far as a proxy we run has vouched for it; with no trusted
 * proxy configured it is ignored entirely.
 */
@Singleton
public final class ClientAddresses {

    public static final String TRUSTED_PROXIES = "latchkey.http.trusted-proxies";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> trustedProxies;

    ClientAddresses(Environment environment) {
        this.trustedProxies = Set.copyOf(environment.getProperty(TRUSTED_PROXIES, Argument.listOf(String.class))
                .orElse(List.of()).stream().map(String::strip).filter(entry -> !entry.isEmpty()).toList());
    }

    public String of(HttpRequest<?> request) {
        String peer = hostOf(request.getRemoteAddress());
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = request.getHeaders().getAll(FORWARDED_FOR).stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(","))).map(String::strip).toList();
        for (int hop = hops.size() - 1; hop >= 0; hop--) {
            String address = hops.get(hop);
            if (!ADDRESS_LITERAL.matcher(address).matches()) {
                // Our proxy wrote something unreadable; what lies beyond it cannot be trusted either.
                return peer;
            }
            if (!trustedProxies.contains(address)) {
                return address;
            }
        }
        return peer;
    }

    /**
     * Whether the browser reached the service over TLS: this connection is TLS, or a trusted proxy that terminated
     * TLS says so in {@code X-Forwarded-Proto}. Decides whether the console's cookies are marked Secure.
     */
    public boolean cameOverTls(HttpRequest<?> request) {
        return request.isSecure() || trustsForwardedHeadersOf(request)
                && "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    /** Whether forwarded headers from this request's peer are believed (for the issuer, say). */
    public boolean trustsForwardedHeadersOf(HttpRequest<?> request) {
        return trustedProxies.contains(hostOf(request.getRemoteAddress()));
    }

    private static String hostOf(InetSocketAddress socket) {
        InetAddress address = socket.getAddress();
        return address != null ? address.getHostAddress() : socket.getHostString();
    }
}
