package dev.latchkey.adapter.rest.outbound;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for every request Latchkey makes of its own accord (webhooks, clients' key sets): each connection
 * goes to an address this client's resolver returned, and it returns only addresses the destination rule allows, so a
 * name that resolved to a public address when it was registered and to an internal one now (DNS rebinding) is refused
 * before any connection. No redirect is followed, nothing is retried here, no cookie is kept, and the whole exchange,
 * connection to last byte, ends at its deadline: a server answering a byte at a time would otherwise keep every read
 * inside its own timeout for ever.
 */
final class GuardedHttpClient implements AutoCloseable {

    private final Predicate<InetAddress> mayConnectTo;
    private final String userAgent;
    private final ScheduledExecutorService deadlines;
    private final Duration deadline;
    private volatile @Nullable CloseableHttpClient client;

    GuardedHttpClient(Predicate<InetAddress> mayConnectTo, Duration deadline, String userAgent, String threadName) {
        this.deadline = deadline;
        this.mayConnectTo = mayConnectTo;
        this.userAgent = userAgent;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Made at the first request, not with the service: building it loads the JDK's trust store and TLS context, a
     * fifth of a second of start-up on two cores, for a client that many nodes never use.
     */
    private CloseableHttpClient client() {
        CloseableHttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    made = build();
                    client = made;
                }
            }
        }
        return made;
    }

    private CloseableHttpClient build() {
        DnsResolver allowedOnly = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(mayConnectTo)) {
                    throw new UnknownHostException("refused: " + host + " resolves to an internal address");
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        Timeout timeout = Timeout.of(deadline);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(allowedOnly)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                        .setSocketTimeout(timeout).build())
                .setMaxConnTotal(64).setMaxConnPerRoute(2).build();
        return HttpClients.custom().setConnectionManager(connections).disableRedirectHandling()
                .disableAutomaticRetries().disableCookieManagement().disableAuthCaching()
                .setUserAgent(userAgent)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build()).build();
    }

    /**
     * Sends the request and hands its answer to {@code handler}, cancelling the request at the deadline.
     *
     * @throws UnknownHostException if the host does not resolve, or resolves to an address that is not allowed
     * @throws IOException          if the exchange fails, or was cancelled ({@code request.isCancelled()})
     */
    <T> T execute(HttpUriRequestBase request, HttpClientResponseHandler<T> handler) throws IOException {
        ScheduledFuture<?> cancel = deadlines.schedule(request::cancel, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client().execute(request, handler);
        } finally {
            cancel.cancel(false);
        }
    }

    /** At most {@code limit} bytes of an answer: what an honest one needs, never what a hostile one sends. */
    static byte[] readAtMost(InputStream content, int limit) throws IOException {
        try (content) {
            return content.readNBytes(limit);
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        synchronized (this) {
            CloseableHttpClient made = client;
            if (made != null) {
                made.close();
            }
        }
    }
}
