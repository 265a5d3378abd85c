package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

/**
 * The same flood from one address with the login limits as shipped: past the address's allowance (30 a minute) every
 * attempt is a 429 refused before any hashing or database work, so no more than 30 wrong passwords are ever checked.
 * Bearer traffic is never refused; on two cores it keeps at least its fair share among the 65 clients, since a 429
 * costs about what a token check costs: the framework's per-request work, which issue 8 measures.
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
        return flooders() + 1;
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

    /** The flood guessed the administrator's password: its account is locked, until an administrator's token unlocks. */
    @Override
    protected void afterTheFlood(String adminToken) throws Exception {
        assertThatThrownBy(() -> node().issue()).hasMessageContaining("429");
        assertThat(unlockAdministrator(adminToken).statusCode()).isEqualTo(200);
        assertThat(node().issue()).as("the right password works once unlocked").isNotNull();
    }
}
