package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Guessing passwords through the real server: on every surface that takes a password, the right password after many
 * wrong ones is refused with 429 and Retry-After in that surface's shape, alike for known and unknown usernames; an
 * administrator can unlock; one address spraying usernames is cut off; refusals are logged at INFO without the
 * password.
 */
class LoginLimitTest extends ServiceOnTestDatabase {

    private static final int PER_MINUTE = 5;
    private static final int PER_ADDRESS_PER_MINUTE = 20;
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Override
    protected Map<String, Object> settings() {
        // The test's client sits behind "our proxy" (loopback), so each test can speak from addresses of its own.
        // Limited answers go out at once: these tests count allowances, which refill while an answer is held
        // (LimitedLoginFloodTest tests the holding).
        return Map.of("latchkey.login.refusal-delay", "0s",
                "latchkey.login.username.failures-per-minute", PER_MINUTE,
                "latchkey.login.address.failures-per-minute", PER_ADDRESS_PER_MINUTE,
                "latchkey.http.trusted-proxies", List.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
    }

    /** How each surface takes a password, and how it answers a refusal and a limited attempt. */
    private enum Surface {
        NATIVE(401, "application/problem+json", "\"status\":429"),
        OAUTH(400, "application/json", "\"error\":\"temporarily_unavailable\""),
        SAMPLE_TOKEN(400, "application/json", "\"error\":\"temporarily_unavailable\""),
        SIRDATA(401, "application/json", "\"message\":"),
        MASTERS_INDIA(206, "application/json", "\"detail\":"),
        DATASENTINEL(401, "application/json", "\"message\":");

        final int refused;
        final String limitedType;
        final String limitedBodyMark;

        Surface(int refused, String limitedType, String limitedBodyMark) {
            this.refused = refused;
            this.limitedType = limitedType;
            this.limitedBodyMark = limitedBodyMark;
        }
    }

    private HttpResponse<String> login(Surface surface, String username, String password, String address)
            throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=password&username=" + username + "&password=" + password;
        String json = "{\"%s\":\"" + username + "\",\"password\":\"" + password + "\"}";
        return switch (surface) {
            case NATIVE -> send("GET", "/api/v1/tokens", address, Map.of("Authorization", basic), null);
            case OAUTH -> send("POST", "/oauth2/token", address,
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
            case SAMPLE_TOKEN -> send("POST", "/Token", address,
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
            case SIRDATA -> send("POST", "/api/v1/public/auth/partner/777/token", address,
                    Map.of("Content-Type", "application/json"), json.formatted("login"));
            case MASTERS_INDIA -> send("POST", "/api/v1/token-auth/", address,
                    Map.of("Content-Type", "application/json"), json.formatted("username"));
            case DATASENTINEL -> send("POST", "/ds-api/user-token", address, Map.of("Authorization", basic), null);
        };
    }

    private HttpResponse<String> send(String method, String path, String address, Map<String, String> headers,
                                      String body) throws Exception {
        Map<String, String> forwarded = new java.util.LinkedHashMap<>(headers);
        forwarded.put("X-Forwarded-For", address);
        return HttpCalls.send(node(), method, path, forwarded, body);
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return send(method, path, freshAddress(), Map.of("Authorization", EndToEndScenario.basic(
                LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD), "Content-Type", "application/json"), json);
    }

    private static String freshAddress() {
        int next = ADDRESSES.incrementAndGet();
        return "10." + (next >> 16 & 255) + "." + (next >> 8 & 255) + "." + (next & 255);
    }

    private String newAccount(String prefix) throws Exception {
        String username = prefix + ADDRESSES.incrementAndGet();
        HttpResponse<String> created = admin("POST", "/api/v1/admin/accounts",
                "{\"username\":\"" + username + "\",\"password\":\"" + username + "-password\",\"partnerId\":777}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private void partnerExists() throws Exception {
        HttpResponse<String> partner = admin("POST", "/api/v1/admin/partners",
                "{\"id\":777,\"name\":\"Guessing Ltd\",\"agreementsSigned\":true}");
        assertThat(partner.statusCode()).as(partner.body()).isIn(201, 409);
    }

    @Test
    void fiftyWrongPasswordsThenTheRightOneIsRefusedOnEverySurface() throws Exception {
        partnerExists();
        for (Surface surface : Surface.values()) {
            String username = newAccount("guessed-");
            String address = freshAddress();
            List<Integer> statuses = new ArrayList<>();
            for (int guess = 0; guess < 50; guess++) {
                statuses.add(login(surface, username, "wrong-" + guess, address).statusCode());
            }
            HttpResponse<String> right = login(surface, username, username + "-password", address);

            assertThat(statuses.subList(0, PER_MINUTE)).as(surface.name()).containsOnly(surface.refused);
            assertThat(statuses.subList(PER_MINUTE, 50)).as(surface.name()).containsOnly(429);
            assertThat(right.statusCode()).as(surface + " " + right.body()).isEqualTo(429);
            assertThat(right.headers().firstValue("Retry-After")).as(surface.name()).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
            assertThat(right.headers().firstValue("Content-Type")).as(surface.name())
                    .hasValueSatisfying(type -> assertThat(type).startsWith(surface.limitedType));
            assertThat(right.body()).as(surface.name()).contains(surface.limitedBodyMark)
                    .doesNotContain(username + "-password").doesNotContainIgnoringCase("exception");
        }
    }

    @Test
    void aKnownAndAnUnknownUsernameAreAnsweredAlike() throws Exception {
        String known = newAccount("known-");
        String unknown = "unknown-" + ADDRESSES.incrementAndGet();
        String address = freshAddress();

        List<String> knownAnswers = new ArrayList<>();
        List<String> unknownAnswers = new ArrayList<>();
        for (int guess = 0; guess < PER_MINUTE + 3; guess++) {
            knownAnswers.add(answer(login(Surface.OAUTH, known, "wrong", address)));
            unknownAnswers.add(answer(login(Surface.OAUTH, unknown, "wrong", address)));
        }

        assertThat(knownAnswers).isEqualTo(unknownAnswers).contains("429 temporarily_unavailable");
    }

    private String answer(HttpResponse<String> response) throws Exception {
        Map<?, ?> body = node().context().getBean(JsonMapper.class).readValue(response.body(), Map.class);
        return response.statusCode() + " " + body.get("error");
    }

    @Test
    void anAdministratorsUnlockLetsTheRightPasswordInAtOnce() throws Exception {
        String username = newAccount("unlocked-");
        String address = freshAddress();
        for (int guess = 0; guess <= PER_MINUTE; guess++) {
            login(Surface.NATIVE, username, "wrong", address);
        }
        assertThat(login(Surface.NATIVE, username, username + "-password", address).statusCode()).isEqualTo(429);

        HttpResponse<String> unlocked = admin("POST", "/api/v1/admin/accounts/" + username + "/unlock", null);

        assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(200);
        assertThat(login(Surface.NATIVE, username, username + "-password", address).statusCode()).isEqualTo(200);
        HttpResponse<String> byUser = send("POST", "/api/v1/admin/accounts/" + username + "/unlock", freshAddress(),
                Map.of("Authorization", EndToEndScenario.basic(username, username + "-password")), null);
        assertThat(byUser.statusCode()).isEqualTo(403);
    }

    @Test
    void oneAddressSprayingManyUsernamesIsCutOffWhileOthersAreNot() throws Exception {
        String sprayer = freshAddress();
        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();
        for (int username = 0; username < PER_ADDRESS_PER_MINUTE + 5; username++) {
            statuses.add(login(Surface.NATIVE, "sprayed-" + username, "guess", sprayer).statusCode());
        }
        // The allowance refills evenly, one failure every 60 / PER_ADDRESS_PER_MINUTE seconds: a slow machine that
        // took longer than that over the spray has earned that many more attempts, and no more.
        long refilled = (System.nanoTime() - started) * PER_ADDRESS_PER_MINUTE
                / java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

        assertThat(statuses.subList(0, PER_ADDRESS_PER_MINUTE)).containsOnly(401);
        List<Integer> beyond = statuses.subList(PER_ADDRESS_PER_MINUTE, statuses.size());
        assertThat(beyond).allMatch(status -> status == 401 || status == 429).contains(429);
        assertThat(beyond.stream().filter(status -> status == 401).count()).as("refilled %d", refilled)
                .isLessThanOrEqualTo(refilled);
        assertThat(login(Surface.NATIVE, "sprayed-0", "guess", freshAddress()).statusCode()).isEqualTo(401);
    }

    @Test
    void refusedLoginsAreLoggedAtInfoWithUsernameAndAddressButNoPassword() throws Exception {
        Logger audit = (Logger) LoggerFactory.getLogger("latchkey.audit");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        audit.addAppender(lines);
        // The tests' logback configuration is quieter than the service's, which logs this logger at INFO.
        Level configured = audit.getLevel();
        audit.setLevel(Level.INFO);
        try {
            String address = freshAddress();
            login(Surface.NATIVE, "logged-user", "the-guessed-password", address);

            assertThat(lines.list).anySatisfy(line -> {
                assertThat(line.getLevel().toString()).isEqualTo("INFO");
                assertThat(line.getFormattedMessage()).contains("login refused", "logged-user", address)
                        .doesNotContain("the-guessed-password");
            });
        } finally {
            audit.detachAppender(lines);
            audit.setLevel(configured);
        }
    }
}
