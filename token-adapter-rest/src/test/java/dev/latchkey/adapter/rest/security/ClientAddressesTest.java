package dev.latchkey.adapter.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static ClientAddresses trusting(List<String> proxies) {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(ClientAddresses.TRUSTED_PROXIES, proxies)).start()) {
            return new ClientAddresses(context.getEnvironment());
        }
    }

    private static HttpRequest<?> from(String peer, String... forwardedFor) {
        MutableHttpRequest<?> request = new RemoteRequest(new InetSocketAddress(peer, 40000));
        for (String hop : forwardedFor) {
            request.header("X-Forwarded-For", hop);
        }
        return request;
    }

    @Test
    void withNoTrustedProxyTheForwardedHeaderIsIgnored() {
        ClientAddresses addresses = trusting(List.of());

        assertThat(addresses.of(from("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
        assertThat(addresses.trustsForwardedHeadersOf(from("198.51.100.7"))).isFalse();
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientAddresses addresses = trusting(List.of("10.0.0.1", "10.0.0.2"));

        // The client wrote "203.0.113.66" itself; only what our proxies appended is believed.
        assertThat(addresses.of(from("10.0.0.1", "203.0.113.66, 198.51.100.20", "10.0.0.2")))
                .isEqualTo("198.51.100.20");
        assertThat(addresses.of(from("10.0.0.1"))).isEqualTo("10.0.0.1");
        assertThat(addresses.of(from("10.0.0.1", "not an address"))).isEqualTo("10.0.0.1");
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
    }

    /** A request as the server would see it from a given peer. */
    private static final class RemoteRequest extends io.micronaut.http.simple.SimpleHttpRequest<Object> {
        private final InetSocketAddress peer;

        RemoteRequest(InetSocketAddress peer) {
            super(io.micronaut.http.HttpMethod.GET, "/", null);
            this.peer = peer;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return peer;
        }
    }
}
