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

    static final String FLOODING_ADDRESS = "203.0.113.66";

    private static final Duration FLOOD = Duration.ofSeconds(4);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    /** Concurrent clients sending wrong passwords. */
    protected int flooders() {
        return 24;
    }

    /** How the flood's excess is refused: here by the bounded hashing, 503. */
    protected int refusalStatus() {
        return 503;
    }

    /**
     * The least share of its quiet rate that bearer traffic keeps during the flood. Low here: every attempt reaches
     * the hashing bound, and the quiet rate is measured on a colder JVM than the flood's.
     */
    protected int quietRateDivisor() {
        return 6;
    }

    /** How many wrong passwords may reach the hasher (401s, 400s); unbounded here, where limits are out of the way. */
    protected int maximumPasswordChecks() {
        return Integer.MAX_VALUE;
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
        ExecutorService clients = Executors.newFixedThreadPool(flooders() + 1);
        long end = System.nanoTime() + FLOOD.toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int flooder = 0; flooder < flooders(); flooder++) {
                int which = flooder;
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<String> response = wrongPassword(which % 3);
                        statuses.computeIfAbsent(surface(which % 3) + " " + response.statusCode(),
                                ignored -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() == refusalStatus()
                                && response.headers().firstValue("Retry-After").isEmpty()) {
                            synchronized (unexpected) {
                                unexpected.add(refusalStatus() + " without Retry-After from " + surface(which % 3));
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
                .allMatch(status -> status.endsWith(" 401") || status.endsWith(" 400")
                        || status.endsWith(" " + refusalStatus()))
                .contains("native " + refusalStatus(), "oauth " + refusalStatus());
        assertThat(bearerFailed.get()).isZero();
        assertThat(statuses.entrySet().stream().filter(status -> !status.getKey().endsWith(" " + refusalStatus()))
                .mapToInt(status -> status.getValue().get()).sum())
                .as("wrong passwords that reached the hasher: %s", statuses).isLessThanOrEqualTo(maximumPasswordChecks());
        System.out.printf("quiet %d, during flood %d, statuses %s%n", quiet, bearerServed.get(), statuses);
        assertThat(bearerServed.get()).as("token checks served during the flood, against %d in quiet", quiet)
                .isGreaterThan(quiet / quietRateDivisor());
        assertThat(node().use(token)).isEqualTo(200);
        afterTheFlood(token);
    }

    /** What holds once the flood is over: here, the right password works again at once. */
    protected void afterTheFlood(String adminToken) throws Exception {
        assertThat(node().issue()).as("the right password still works afterwards").isNotNull();
    }

    protected HttpResponse<String> unlockAdministrator(String adminToken) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node().url()
                        + "/api/v1/admin/accounts/" + LatchkeyNode.ADMIN + "/unlock"))
                .header("Authorization", "Bearer " + adminToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
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
        // The flood's own address, believed only where loopback is configured as a trusted proxy.
        return http.send(request.header("X-Forwarded-For", FLOODING_ADDRESS).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
