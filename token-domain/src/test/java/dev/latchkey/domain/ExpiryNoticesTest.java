package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ExpiryNoticesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final AccountId OWNER = new AccountId(new java.util.UUID(1, 2));
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration DAY = Duration.ofDays(1);
    private static final ExpiryNotices NOTICES = ExpiryNotices.warningAt(List.of(WEEK, DAY));

    private static Token personal(Duration lifetime) {
        return Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(new byte[16]), OWNER,
                TokenDescription.of("deploy"), Scopes.none(), Expiry.at(T0.plus(lifetime))), T0,
                SecretHash.of("x")).token();
    }

    private static Token forClient(TokenKind kind, Duration lifetime) {
        return Token.issue(new TokenAttributes(TokenId.fromRandomBytes(new byte[16]), OWNER, kind,
                TokenDescription.none(), Scopes.none(), Expiry.at(T0.plus(lifetime)),
                Optional.of(GrantId.fromRandomBytes(new byte[16])), Optional.of(new ClientId("ci-robot")),
                Optional.of(GrantSurface.TOKEN_ENDPOINT)), T0, SecretHash.of("x")).token();
    }

    @Test
    void thresholdsAreKeptWidestFirstOnceEachAndEndWithTheExpiryItself() {
        ExpiryNotices notices = ExpiryNotices.warningAt(List.of(DAY, WEEK, DAY));

        assertThat(notices.warnings()).containsExactly(WEEK, DAY);
        assertThat(notices.thresholds()).containsExactly(WEEK, DAY, Duration.ZERO);
        assertThat(ExpiryNotices.warningAt(List.of()).thresholds()).containsExactly(Duration.ZERO);
    }

    @Test
    void thresholdsThatWarnOfNothingAreRefused() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(367),
                Duration.ofMillis(1500))) {
            assertThatThrownBy(() -> ExpiryNotices.warningAt(List.of(bad)))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("expiry-warnings");
        }
        List<Duration> nine = java.util.stream.LongStream.rangeClosed(1, 9).mapToObj(Duration::ofDays).toList();
        assertThatThrownBy(() -> ExpiryNotices.warningAt(nine)).hasMessageContaining("at most 8");
    }

    @Test
    void aWarningNamesItsThresholdAndTheExpiry() {
        Token token = personal(Duration.ofDays(30));
        Instant now = T0.plus(Duration.ofDays(23));

        AuditEvent warning = NOTICES.announcement(token, WEEK, now).orElseThrow();

        assertThat(warning.type()).isEqualTo(AuditEventType.TOKEN_EXPIRING);
        assertThat(warning.detail()).isEqualTo("warning=7d expires=2026-12-31T00:00:00Z");
        assertThat(warning.account()).contains(OWNER);
        assertThat(warning.token()).contains(token.id());
        assertThat(warning.actor()).isEqualTo(Actor.system());
    }

    @Test
    void theExpiryOfATokenStillInForceIsAnnouncedOnceReached() {
        Token token = personal(Duration.ofDays(30));

        assertThat(NOTICES.announcement(token, Duration.ZERO, T0.plus(Duration.ofDays(29)))).isEmpty();
        AuditEvent expired = NOTICES.announcement(token, Duration.ZERO, T0.plus(Duration.ofDays(31)))
                .orElseThrow();
        assertThat(expired.type()).isEqualTo(AuditEventType.TOKEN_EXPIRED);
        assertThat(expired.detail()).isEqualTo("expires=2026-12-31T00:00:00Z");
    }

    @Test
    void aTokenRevokedBeforeItsEndIsNeitherWarnedNorAnnouncedExpired() {
        Token revoked = ((Token.RevocationOutcome.Revoked) personal(Duration.ofDays(30))
                .revoke(T0.plus(DAY), RevocationReason.REQUESTED)).token();

        assertThat(NOTICES.announcement(revoked, WEEK, T0.plus(Duration.ofDays(24)))).isEmpty();
        assertThat(NOTICES.announcement(revoked, Duration.ZERO, T0.plus(Duration.ofDays(31)))).isEmpty();
    }

    @Test
    void aScanThatPassesTwoThresholdsAtOnceWarnsOnlyAtTheNarrowerOne() {
        Token token = personal(Duration.ofDays(30));
        Instant late = T0.plus(Duration.ofDays(29).plusHours(1));

        assertThat(NOTICES.announcement(token, WEEK, late)).isEmpty();
        assertThat(NOTICES.announcement(token, DAY, late)).map(AuditEvent::detail).get().asString()
                .startsWith("warning=1d");
        // Born inside the narrower one, a token is still warned at the wider one.
        Token threeDays = personal(Duration.ofDays(3));
        assertThat(ExpiryNotices.warningAt(List.of(Duration.ofDays(5), Duration.ofDays(4))).announcement(threeDays,
                Duration.ofDays(5), T0)).isEmpty();
        Token sixDays = personal(Duration.ofDays(6));
        assertThat(ExpiryNotices.warningAt(List.of(Duration.ofDays(5), Duration.ofDays(6).plusHours(1)))
                .announcement(sixDays, Duration.ofDays(5), T0.plusSeconds(1))).isPresent();
    }

    @Test
    void aWarningFoundOnlyAfterTheExpiryIsLeftToTheExpiryEvent() {
        Token token = personal(Duration.ofDays(30));

        assertThat(NOTICES.announcement(token, WEEK, T0.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void refreshTokensAndAClientsShortLivedTokensAreLeftOut() {
        assertThat(ExpiryNotices.announces(forClient(TokenKind.REFRESH, Duration.ofDays(30)))).isFalse();
        assertThat(ExpiryNotices.announces(forClient(TokenKind.ACCESS, Duration.ofHours(23)))).isFalse();
        assertThat(ExpiryNotices.announces(forClient(TokenKind.ACCESS, DAY))).isTrue();
        assertThat(ExpiryNotices.announces(personal(Duration.ofHours(1)))).isTrue();
        assertThat(NOTICES.announcement(forClient(TokenKind.ACCESS, Duration.ofHours(1)), Duration.ZERO,
                T0.plus(DAY))).isEmpty();
        Token forever = Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(new byte[16]), OWNER,
                TokenDescription.of("forever"), Scopes.none(), Expiry.never()), T0, SecretHash.of("x")).token();
        assertThat(ExpiryNotices.announces(forever)).isFalse();
    }

    @Property
    void aTokenIsWarnedAtAThresholdOnlyIfItWasBornOutsideIt(
            @ForAll @LongRange(min = 1, max = 400 * 24) long lifetimeHours,
            @ForAll @LongRange(min = 1, max = 366 * 24) long thresholdHours) {
        Duration lifetime = Duration.ofHours(lifetimeHours);
        Duration threshold = Duration.ofHours(thresholdHours);
        Token token = personal(lifetime);
        // The scan finds the token as soon as its expiry comes within the threshold (or at once, if born inside).
        Instant found = T0.plus(lifetime).minus(threshold).isAfter(T0) ? T0.plus(lifetime).minus(threshold) : T0;

        Optional<AuditEvent> warning = ExpiryNotices.warningAt(List.of(threshold)).announcement(token, threshold,
                found);

        assertThat(warning.isPresent()).isEqualTo(lifetime.compareTo(threshold) > 0);
        warning.ifPresent(event -> assertThat(event.detail()).contains("expires=" + T0.plus(lifetime)));
    }

    @Property
    void aThresholdIsDescribedExactly(@ForAll @LongRange(min = 1, max = 366L * 86_400) long seconds) {
        String described = ExpiryNotices.describe(Duration.ofSeconds(seconds));
        long unit = switch (described.charAt(described.length() - 1)) {
            case 'd' -> 86_400;
            case 'h' -> 3_600;
            case 'm' -> 60;
            default -> 1;
        };

        assertThat(Long.parseLong(described.substring(0, described.length() - 1)) * unit).isEqualTo(seconds);
    }
}
