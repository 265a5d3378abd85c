package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeviceAuthorizationTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final AccountId ALICE = new AccountId(UUID.randomUUID());

    private static DeviceAuthorization started() {
        return DeviceAuthorization.start(SecretHash.of("device"), SecretHash.of("user"), ClientId.of("cli"),
                Scopes.of("read"), GrantId.fromRandomBytes(new byte[16]), Optional.empty(), NOW);
    }

    @Test
    void aDevicePollsPendingUntilApprovedThenGetsItsTokensOnce() {
        DeviceAuthorization.Poll first = started().poll(NOW.plusSeconds(1));
        DeviceAuthorization polled = ((DeviceAuthorization.Poll.Pending) first).polled();
        DeviceAuthorization approved = polled.approve(ALICE, NOW.plusSeconds(3)).orElseThrow();

        DeviceAuthorization.Poll ready = approved.poll(NOW.plusSeconds(6));

        assertThat(ready).isInstanceOfSatisfying(DeviceAuthorization.Poll.Approved.class, tokens -> {
            assertThat(tokens.redeemed().state()).isEqualTo(DeviceAuthorization.State.REDEEMED);
            assertThat(tokens.redeemed().account()).contains(ALICE);
            assertThat(tokens.redeemed().poll(NOW.plusSeconds(20)))
                    .isInstanceOf(DeviceAuthorization.Poll.AlreadyRedeemed.class);
        });
    }

    @Test
    void pollingSoonerThanTheIntervalSlowsTheDeviceDownByFiveSecondsEachTime() {
        DeviceAuthorization polled = ((DeviceAuthorization.Poll.Pending) started().poll(NOW)).polled();

        DeviceAuthorization.Poll tooSoon = polled.poll(NOW.plusSeconds(4));
        DeviceAuthorization slower = ((DeviceAuthorization.Poll.SlowDown) tooSoon).polled();
        DeviceAuthorization.Poll againTooSoon = slower.poll(NOW.plusSeconds(13));

        assertThat(slower.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(againTooSoon).isInstanceOfSatisfying(DeviceAuthorization.Poll.SlowDown.class,
                slowed -> assertThat(slowed.polled().interval()).isEqualTo(Duration.ofSeconds(15)));
        assertThat(slower.poll(NOW.plusSeconds(14))).isInstanceOf(DeviceAuthorization.Poll.Pending.class);
    }

    @Test
    void aDeniedOrExpiredRequestGivesNothingAndCannotBeDecidedAgain() {
        DeviceAuthorization denied = started().deny(ALICE, NOW.plusSeconds(1)).orElseThrow();

        assertThat(denied.poll(NOW.plusSeconds(10))).isInstanceOf(DeviceAuthorization.Poll.Denied.class);
        assertThat(denied.approve(ALICE, NOW.plusSeconds(2))).isEmpty();
        assertThat(started().approve(ALICE, NOW.plus(DeviceAuthorization.LIFETIME))).as("expired").isEmpty();
        assertThat(started().poll(NOW.plus(DeviceAuthorization.LIFETIME)))
                .isInstanceOf(DeviceAuthorization.Poll.Expired.class);
        assertThat(started().approve(ALICE, NOW).orElseThrow().poll(NOW.plus(DeviceAuthorization.LIFETIME)))
                .as("approved too late to be redeemed").isInstanceOf(DeviceAuthorization.Poll.Expired.class);
    }
}
