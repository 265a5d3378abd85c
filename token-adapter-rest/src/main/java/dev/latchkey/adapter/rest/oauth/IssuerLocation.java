package dev.latchkey.adapter.rest.oauth;

import dev.latchkey.adapter.rest.security.ClientAddresses;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The issuer's URL (RFC 8414), which every endpoint it advertises and every link it hands out starts with:
 * {@code latchkey.oauth.issuer}, or the server's own URL. The {@code Host} and forwarded headers are the client's to
 * write, and an issuer taken from them would let anyone make Latchkey name their server; they are believed only when
 * a trusted proxy ({@code latchkey.http.trusted-proxies}) sent the request.
 */
@Singleton
public final class IssuerLocation {

    private final HttpHostResolver hosts;
    private final ClientAddresses addresses;
    private final BeanProvider<EmbeddedServer> server;
    private final Optional<String> configured;

    IssuerLocation(HttpHostResolver hosts, ClientAddresses addresses, BeanProvider<EmbeddedServer> server,
                   @Nullable @Value("${latchkey.oauth.issuer:}") String issuer) {
        this.hosts = hosts;
        this.addresses = addresses;
        this.server = server;
        this.configured = Optional.ofNullable(issuer).filter(value -> !value.isBlank())
                .map(value -> value.strip().replaceAll("/+$", ""));
    }

    /** The service's own location, where no request says more: the configured issuer, or this server's URL. */
    public String ofService() {
        return configured.orElseGet(() -> server.get().getURL().toString().replaceAll("/+$", ""));
    }

    public String of(HttpRequest<?> request) {
        return configured.orElseGet(() -> addresses.trustsForwardedHeadersOf(request) ? hosts.resolve(request)
                : server.get().getURL().toString().replaceAll("/+$", ""));
    }
}
