package dev.latchkey.adapter.rest.outbound;

import dev.latchkey.application.port.out.WebhookSenderPort;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Sends webhook requests: a POST, at most 10 seconds from start to answer, no retries of its own (the outbox retries),
 * at most 64 KB of the answer read, through a {@link GuardedHttpClient} that connects only where
 * {@link WebhookDestinations} allows.
 */
@Singleton
final class WebhookSender implements WebhookSenderPort {

    /** The whole request, connection to answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_READ = 64 * 1024;
    private static final int MAX_KEPT = 1024;

    private final GuardedHttpClient client;

    WebhookSender(WebhookDestinations destinations) {
        this.client = new GuardedHttpClient(destinations::mayConnectTo, TIMEOUT, "Latchkey-Webhooks/1",
                "latchkey-webhook-deadlines");
    }

    @Override
    public Response send(URI url, Map<String, String> headers, byte[] body) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        long started = System.nanoTime();
        try {
            return client.execute(post, response -> {
                byte[] read = response.getEntity() == null ? new byte[0]
                        : GuardedHttpClient.readAtMost(response.getEntity().getContent(), MAX_READ);
                return new Response(Optional.of(response.getCode()), since(started),
                        new String(read, 0, Math.min(read.length, MAX_KEPT), StandardCharsets.UTF_8));
            });
        } catch (UnknownHostException refusedOrUnknown) {
            return new Response(Optional.empty(), since(started), refusedOrUnknown.getMessage() == null
                    ? "the host does not resolve" : refusedOrUnknown.getMessage());
        } catch (IOException | RuntimeException failed) {
            return new Response(Optional.empty(), since(started), post.isCancelled()
                    ? "no answer within " + TIMEOUT.toSeconds() + " s" : failed.getClass().getSimpleName() + ": "
                    + Optional.ofNullable(failed.getMessage()).orElse("the connection failed"));
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }
}
