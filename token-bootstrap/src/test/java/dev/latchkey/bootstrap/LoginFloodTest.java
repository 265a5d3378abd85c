package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A flood of wrong passwords from more addresses than the login limits can tell apart (they are raised out of the
 * way here; {@code LoginLimitTest} tests them): hashing is bounded, the excess is refused with 503 and Retry-After in each surface's
 * shape, nothing answers 500, and token checks, which need no hashing, go on being served.
 */
class LoginFloodTest extends ServiceOnTestDatabase {

    private static final int FLOODERS = 24;
    private static final Duration FLOOD = Duration.ofSeconds(4);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.passwords.concurrent-hashes", 1, "latchkey.passwords.queued-hashes", 16,
                "latchkey.passwords.maximum-wait", "5s",
                "latchkey.login.username.failures-per-minute", 1_000_000,
                "latchkey.login.username.failures-per-hour", 1_000_000,
                "latchkey.login.address.failures-per-minute", 1_000_000,
                "latchkey.login.address.failures-per-hour", 1_000_000);
    }

    @Test
    void aFloodOfWrongPasswordsIsRefusedQuicklyWhileTokensStillWork() throws Exception {
        String token = node().issue()[0];
        int quiet = bearerUsesDuring(FLOOD);
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger bearerServed = new AtomicInteger();
        AtomicInteger bearerFailed = new AtomicInteger();
        List<String> unexpected = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(FLOODERS + 1);
        long end = System.nanoTime() + FLOOD.toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int flooder = 0; flooder < FLOODERS; flooder++) {
                int which = flooder;
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<String> response = wrongPassword(which % 3);
                        statuses.computeIfAbsent(surface(which % 3) + " " + response.statusCode(),
                                ignored -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                            synchronized (unexpected) {
                                unexpected.add("503 without Retry-After from " + surface(which % 3));
                            }
                        }
                    }
                    return null;
                }));
            }
            running.add(clients.submit(() -> {
                while (System.nanoTime() < end) {
                    (node().use(token) == 200 ? bearerServed : bearerFailed).incrementAndGet();
                }
                return null;
            }));
            for (Future<?> client : running) {
                client.get(1, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(unexpected).isEmpty();
        assertThat(statuses.keySet()).as("statuses seen: %s", statuses)
                .allMatch(status -> status.endsWith(" 401") || status.endsWith(" 400") || status.endsWith(" 503"))
                .contains("native 503", "oauth 503");
        assertThat(bearerFailed.get()).isZero();
        System.out.printf("quiet %d, during flood %d, statuses %s%n", quiet, bearerServed.get(), statuses);
        assertThat(bearerServed.get()).as("token checks served during the flood, against %d in quiet", quiet)
                .isGreaterThan(quiet / 6);
        assertThat(node().use(token)).isEqualTo(200);
        assertThat(node().issue()).as("the right password still works afterwards").isNotNull();
    }

    private int bearerUsesDuring(Duration period) throws Exception {
        String token = node().issue()[0];
        long end = System.nanoTime() + period.toNanos();
        int served = 0;
        while (System.nanoTime() < end) {
            served += node().use(token) == 200 ? 1 : 0;
        }
        return served;
    }

    private static String surface(int which) {
        return switch (which) {
            case 0 -> "native";
            case 1 -> "oauth";
            default -> "sampletoken";
        };
    }

    private HttpResponse<String> wrongPassword(int which) throws Exception {
        HttpRequest.Builder request = switch (which) {
            case 0 -> HttpRequest.newBuilder(URI.create(node().url() + "/api/v1/tokens/self"))
                    .header("Authorization", EndToEndScenario.basic(LatchkeyNode.ADMIN, "wrong password here"))
                    .GET();
            case 1 -> HttpRequest.newBuilder(URI.create(node().url() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=password&username=admin&password=wrong+password+here"));
            default -> HttpRequest.newBuilder(URI.create(node().url() + "/Token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=password&username=admin&password=wrong+password+here"));
        };
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
