package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same flood from one address with the login limits as shipped: past the address's allowance (30 a minute) every
 * attempt is a 429 refused before any hashing or database work, so no more than 30 wrong passwords are ever checked.
 * Bearer traffic is never refused, and keeps at least half its quiet rate (issue 8's target): each 429 is held for
 * the refusal delay (1 s) without a thread, so 64 guessing connections ask about 64 times a second instead of as fast
 * as refusals can be made. Without the hold, bearer traffic fell to about 0.15 of its quiet rate here.
 */
class LimitedLoginFloodTest extends LoginFloodTest {

    @Override
    protected int flooders() {
        return 64;
    }

    @Override
    protected int refusalStatus() {
        return 429;
    }

    @Override
    protected int quietRateDivisor() {
        return 2;
    }

    @Override
    protected int maximumPasswordChecks() {
        return 30;
    }

    @Override
    protected Map<String, Object> settings() {
        // Loopback is "our proxy", so the flood is counted against its forwarded address, and the administrator,
        // who calls without one, against loopback: a flood must not lock out everyone behind another address.
        return Map.of("latchkey.passwords.concurrent-hashes", 1, "latchkey.passwords.queued-hashes", 16,
                "latchkey.passwords.maximum-wait", "5s",
                "latchkey.http.trusted-proxies", java.util.List.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
    }

    @Test
    void aLimitedLoginIsAnsweredOnlyAfterTheRefusalDelayAndTellsWhenToComeBack() throws Exception {
        String address = "198.51.100.29";
        String wrong = "Basic " + Base64.getEncoder().encodeToString(
                "held-refusal-user:wrong".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = null;
        long started = 0;
        for (int attempt = 0; attempt < 6; attempt++) {
            started = System.nanoTime();
            answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(node().url() + "/api/v1/tokens/self")).header("Authorization", wrong)
                    .header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).as("the sixth attempt, past five a minute").isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(took).as("the 429 was held").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    /** The flood guessed the administrator's password: its account is locked, until an administrator's token unlocks. */
    @Override
    protected void afterTheFlood(String adminToken) throws Exception {
        assertThatThrownBy(() -> node().issue()).hasMessageContaining("429");
        assertThat(unlockAdministrator(adminToken).statusCode()).isEqualTo(200);
        assertThat(node().issue()).as("the right password works once unlocked").isNotNull();
    }
}
