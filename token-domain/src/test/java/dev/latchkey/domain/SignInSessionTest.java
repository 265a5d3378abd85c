package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignInSessionTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-05T08:00:00Z");
    private static final SessionTimeouts TIMEOUTS = new SessionTimeouts(Duration.ofMinutes(15), Duration.ofHours(8));
    private static final SignInSession SESSION = SignInSession.start(SecretHash.of("cookie value"),
            new AccountId(UUID.randomUUID()), "stamp", SIGNED_IN);

    @Test
    void endsAfterTheIdleTimeoutWithoutARequest() {
        assertThat(SESSION.isLiveAt(SIGNED_IN.plus(Duration.ofMinutes(15)).minusNanos(1), TIMEOUTS)).isTrue();
        assertThat(SESSION.isLiveAt(SIGNED_IN.plus(Duration.ofMinutes(15)), TIMEOUTS)).isFalse();
    }

    @Test
    void useKeepsItAliveOnlyUntilItsLifetimeEnds() {
        SignInSession busy = SESSION;
        for (Instant at = SIGNED_IN; at.isBefore(SIGNED_IN.plus(Duration.ofHours(9))); at = at.plusSeconds(600)) {
            busy = busy.seenAt(at);
        }
        assertThat(busy.endsAt(TIMEOUTS)).isEqualTo(SIGNED_IN.plus(Duration.ofHours(8)));
        assertThat(busy.isLiveAt(SIGNED_IN.plus(Duration.ofHours(8)), TIMEOUTS)).isFalse();
        assertThat(busy.isLiveAt(SIGNED_IN.plus(Duration.ofHours(7)), TIMEOUTS)).isTrue();
    }

    @Test
    void aUseIsWorthRecordingOnlyAMinuteAfterTheLastRecordedOne() {
        assertThat(SESSION.isSeenAgainAt(SIGNED_IN.plusSeconds(59))).isFalse();
        assertThat(SESSION.isSeenAgainAt(SIGNED_IN.plusSeconds(60))).isTrue();
        assertThat(SESSION.seenAt(SIGNED_IN.minusSeconds(5))).isSameAs(SESSION);
    }

    @Test
    void aSessionMadeByANodeWhoseClockIsAheadIsLiveOnOneBehind() {
        assertThat(SESSION.isLiveAt(SIGNED_IN.minusSeconds(2), TIMEOUTS)).isTrue();
    }

    @Test
    void timeoutsMustBePositiveAndTheIdleOneNoLongerThanTheLifetime() {
        assertThatThrownBy(() -> new SessionTimeouts(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new SessionTimeouts(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new SignInSession(SecretHash.of("x"), new AccountId(UUID.randomUUID()), "s",
                SIGNED_IN, SIGNED_IN.minusSeconds(1))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void itsTextNamesNoPasswordStamp() {
        assertThat(SESSION.toString()).doesNotContain("stamp");
    }
}
