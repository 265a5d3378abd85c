package dev.latchkey.adapter.rest.outbound;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpGet;

/**
 * Fetches the key set a client publishes at its {@code jwks_uri} ({@code private_key_jwt}), under the same rules as
 * webhooks ({@link WebhookDestinations}): https to public addresses only, checked again at each connection; no
 * redirect; at most 5 seconds and 64 KB. A token request waits for it, so it is short.
 */
@Singleton
public final class ClientKeySetFetcher {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_READ = 64 * 1024;

    /** What a fetch came to: the key set's JSON text, or why there is none (fit for a log line, never a secret). */
    public sealed interface Fetched {
        record KeySet(String json) implements Fetched {
        }

        record Failed(String reason) implements Fetched {
        }
    }

    private final WebhookDestinations destinations;
    private final GuardedHttpClient client;

    ClientKeySetFetcher(WebhookDestinations destinations) {
        this.destinations = destinations;
        this.client = new GuardedHttpClient(destinations::mayConnectTo, TIMEOUT, "Latchkey-KeySets/1",
                "latchkey-key-set-deadlines");
    }

    /** Why the URL may not be fetched from (registration refuses it); empty when it may. */
    public Optional<String> refusal(URI jwksUri) {
        return destinations.refusal(jwksUri);
    }

    public Fetched fetch(URI jwksUri) {
        Optional<String> refused = destinations.refusal(jwksUri);
        if (refused.isPresent()) {
            return new Fetched.Failed(refused.get());
        }
        HttpGet get = new HttpGet(jwksUri);
        get.setHeader("Accept", "application/jwk-set+json, application/json");
        try {
            return client.execute(get, response -> {
                if (response.getCode() != 200 || response.getEntity() == null) {
                    return new Fetched.Failed("the key set URL answered " + response.getCode());
                }
                byte[] body = GuardedHttpClient.readAtMost(response.getEntity().getContent(), MAX_READ + 1);
                if (body.length > MAX_READ) {
                    return new Fetched.Failed("the key set is larger than " + MAX_READ + " bytes");
                }
                return new Fetched.KeySet(new String(body, StandardCharsets.UTF_8));
            });
        } catch (UnknownHostException refusedOrUnknown) {
            return new Fetched.Failed(Optional.ofNullable(refusedOrUnknown.getMessage())
                    .orElse("the host does not resolve"));
        } catch (IOException | RuntimeException failed) {
            return new Fetched.Failed(get.isCancelled() ? "no answer within " + TIMEOUT.toSeconds() + " s"
                    : failed.getClass().getSimpleName() + ": " + Optional.ofNullable(failed.getMessage())
                            .orElse("the connection failed"));
        }
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }
}
