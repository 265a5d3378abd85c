import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery as a receiver sees it (issue 25): latency from each event's own timestamp (taken in the
 * transaction, just before its commit) to its receipt, at a steady issuance rate, then the throughput of deliveries
 * to one receiver after a burst. The reference is the bare Micronaut app's round trip, measured by the same client in
 * the same run. Run by bench/webhooks.sh; a single-file program (java WebhookLatency.java …).
 *
 * Arguments: latchkey-url admin-password bare-url warmup-seconds measure-seconds rate-per-second burst-size
 */
public final class WebhookLatency {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    private static final Pattern TOKEN_ID = Pattern.compile("\"tokenId\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Receipt time of each token's event, and its latency from the event's timestamp, in microseconds. */
    private static final Map<String, Long> LATENCY_MICROS = new ConcurrentHashMap<>();
    private static final Map<String, Long> RECEIVED_NANOS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + args[1])
                .getBytes(StandardCharsets.UTF_8));
        // Issuance by a bearer token, so that the events come as fast as the service makes tokens, not as fast as
        // Argon2id checks a password.
        HttpResponse<String> own = send(args[0] + "/api/v1/tokens", basic, "{\"description\":\"bench\"}");
        Matcher secret = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(own.body());
        if (own.statusCode() != 201 || !secret.find()) {
            throw new IllegalStateException("could not get a token: " + own.body());
        }
        String admin = "Bearer " + secret.group(1);
        String bare = args[2];
        int warmup = Integer.parseInt(args[3]);
        int measure = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        int burst = Integer.parseInt(args[6]);

        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/", exchange -> {
            long nanos = System.nanoTime();
            Instant at = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            Matcher timestamp = TIMESTAMP.matcher(body);
            Matcher token = TOKEN_ID.matcher(body);
            if (timestamp.find() && token.find()) {
                Duration latency = Duration.between(Instant.parse(timestamp.group(1)), at);
                LATENCY_MICROS.putIfAbsent(token.group(1), latency.toNanos() / 1_000);
                RECEIVED_NANOS.putIfAbsent(token.group(1), nanos);
            }
        });
        receiver.start();
        HttpResponse<String> endpoint = send(base + "/api/v1/admin/webhooks", admin, "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/bench\",\"events\":[\"token.issued\"]}");
        if (endpoint.statusCode() != 201) {
            throw new IllegalStateException("could not register the endpoint: " + endpoint.body());
        }

        System.out.printf("warm-up: %d s at %d events/s%n", warmup, rate);
        steady(base, admin, rate, warmup);
        Thread.sleep(3000);
        System.out.printf("latency: %d s at %d events/s%n", measure, rate);
        List<String> measured = steady(base, admin, rate, measure);
        awaitAll(measured, Duration.ofSeconds(60));
        List<Long> latencies = new ArrayList<>();
        measured.forEach(id -> latencies.add(LATENCY_MICROS.get(id)));
        Collections.sort(latencies);
        System.out.printf("  commit -> receipt over %d events: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latencies.size(), percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0,
                latencies.get(latencies.size() - 1) / 1000.0);

        System.out.printf("throughput: a burst of %d events from 4 clients%n", burst);
        long burstStart = System.nanoTime();
        List<String> burstIds = burst(base, admin, burst);
        long issuedNanos = System.nanoTime() - burstStart;
        awaitAll(burstIds, Duration.ofMinutes(5));
        long lastReceipt = burstIds.stream().mapToLong(RECEIVED_NANOS::get).max().orElseThrow();
        double seconds = (lastReceipt - burstStart) / 1e9;
        System.out.printf("  issued in %.1f s (%.0f/s); all %d delivered %.1f s after the burst began: %.0f "
                + "deliveries/s to one receiver%n", issuedNanos / 1e9, burst / (issuedNanos / 1e9), burst, seconds,
                burst / seconds);

        List<Long> reference = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long started = System.nanoTime();
            HTTP.send(HttpRequest.newBuilder(URI.create(bare + "/constant")).build(),
                    HttpResponse.BodyHandlers.discarding());
            reference.add((System.nanoTime() - started) / 1_000);
        }
        Collections.sort(reference.subList(1000, 2000));
        List<Long> measuredReference = new ArrayList<>(reference.subList(1000, 2000));
        Collections.sort(measuredReference);
        System.out.printf("reference: bare Micronaut GET /constant round trip p50 %.2f ms, p99 %.2f ms%n",
                percentile(measuredReference, 50) / 1000.0, percentile(measuredReference, 99) / 1000.0);
        receiver.stop(0);
        System.exit(0);
    }

    private static HttpResponse<String> send(String url, String authorization, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String issue(String base, String admin) throws Exception {
        HttpResponse<String> issued = send(base + "/api/v1/tokens", admin, "{\"description\":\"bench\"}");
        Matcher id = TOKEN_ID.matcher(issued.body());
        if (issued.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("issuance failed: " + issued.statusCode() + " " + issued.body());
        }
        return id.group(1);
    }

    /** Issues at a steady rate for the given seconds; answers the token ids. */
    private static List<String> steady(String base, String admin, int rate, int seconds) throws Exception {
        List<String> ids = new ArrayList<>();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        long end = next + seconds * 1_000_000_000L;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            ids.add(issue(base, admin));
            next += interval;
        }
        return ids;
    }

    private static List<String> burst(String base, String admin, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> issued = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            issued.add(clients.submit(() -> issue(base, admin)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> id : issued) {
            ids.add(id.get());
        }
        clients.shutdown();
        return ids;
    }

    private static void awaitAll(List<String> ids, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!RECEIVED_NANOS.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every event arrived within " + within);
            }
            Thread.sleep(20);
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percent / 100.0) - 1));
    }
}
