package dev.latchkey.adapter.rest.outbound;

import dev.latchkey.application.port.out.WebhookDestinationsPort;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where webhooks may go, and where clients' key sets ({@code jwks_uri}) are fetched from: {@code https} URLs whose
 * host resolves to public addresses only. Loopback, private,
 * link-local (the cloud metadata service at 169.254.169.254 among them), unique-local and other internal addresses
 * are refused, here at registration and again by the sender at each connection, after resolving the name, so that a
 * name that changes its address later (DNS rebinding) is refused too. {@code latchkey.webhooks.allow-insecure-destinations}
 * allows {@code http} and internal addresses, for development and tests only, and says so at start.
 */
@Singleton
public final class WebhookDestinations implements WebhookDestinationsPort {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDestinations.class);

    private final boolean insecureAllowed;
    private final OutboundDestinations addresses;

    WebhookDestinations(@Value("${latchkey.webhooks.allow-insecure-destinations:false}") boolean insecureAllowed) {
        this.insecureAllowed = insecureAllowed;
        this.addresses = new OutboundDestinations(insecureAllowed);
        if (insecureAllowed) {
            LOG.warn("latchkey.webhooks.allow-insecure-destinations is true: webhooks may be sent, and clients' key "
                    + "sets fetched, over plain http and to loopback, private and link-local addresses. Use it for "
                    + "development and tests only.");
        }
    }

    @Override
    public boolean insecureAllowed() {
        return insecureAllowed;
    }

    @Override
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!insecureAllowed && !scheme.equals("https")) {
            return Optional.of("only https URLs are allowed");
        }
        return addresses.refusal(url);
    }

    /** Whether a connection may go to this address: a public one, or any where insecure destinations are allowed. */
    boolean mayConnectTo(java.net.InetAddress address) {
        return insecureAllowed || !OutboundDestinations.isInternal(address);
    }
}
