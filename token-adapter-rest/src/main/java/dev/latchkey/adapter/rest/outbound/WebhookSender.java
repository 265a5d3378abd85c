package dev.latchkey.adapter.rest.outbound;

import dev.latchkey.application.port.out.WebhookSenderPort;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends webhook requests: a POST, at most 10 seconds from start to answer, no redirects followed, no retries of its
 * own (the outbox retries), at most 64 KB of the answer read. Every connection goes to an address this sender's
 * resolver returned, and it returns only addresses {@link WebhookDestinations} allows, so a name that resolved to a
 * public address at registration and to an internal one now is refused before any connection.
 */
@Singleton
final class WebhookSender implements WebhookSenderPort {

    /** The whole request, connection to answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_READ = 64 * 1024;
    private static final int MAX_KEPT = 1024;

    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    WebhookSender(WebhookDestinations destinations) {
        DnsResolver publicOnly = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(destinations::mayConnectTo)) {
                    throw new UnknownHostException("refused: " + host + " resolves to an internal address");
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        Timeout timeout = Timeout.of(TIMEOUT);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(publicOnly)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                        .setSocketTimeout(timeout).build())
                .setMaxConnTotal(64).setMaxConnPerRoute(2).build();
        this.client = HttpClients.custom().setConnectionManager(connections).disableRedirectHandling()
                .disableAutomaticRetries().disableCookieManagement().disableAuthCaching()
                .setUserAgent("Latchkey-Webhooks/1")
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build()).build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "latchkey-webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Response send(URI url, Map<String, String> headers, byte[] body) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        long started = System.nanoTime();
        // A receiver that answers a byte at a time would keep each socket read inside its timeout for ever.
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(post, response -> {
                byte[] read = response.getEntity() == null ? new byte[0] : readAtMost(response.getEntity()
                        .getContent());
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
        } finally {
            deadline.cancel(false);
        }
    }

    private static byte[] readAtMost(InputStream content) throws IOException {
        try (content) {
            return content.readNBytes(MAX_READ);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
