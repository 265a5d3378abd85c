package dev.latchkey.adapter.rest.console;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.SecretHash;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in sessions, held on the server: the browser has only a random id in an HttpOnly cookie, and
 * signing out forgets the session here, so a copied cookie is worth nothing afterwards. A session ends after
 * {@code latchkey.console.session-idle-timeout} without a request (15 minutes) and at the latest
 * {@code latchkey.console.session-lifetime} after sign-in (8 hours). Sessions are kept by the node that made them:
 * a console behind several nodes needs sticky routing, and a restart signs everyone out.
 */
@Singleton
final class ConsoleSessions {

    /** A session: who signed in, the form token every state-changing request must carry, and its clock. */
    record Session(Caller caller, String passwordStamp, String csrfToken, Instant signedInAt, Instant lastSeenAt) {
        @Override
        public String toString() {
            return "Session[caller=" + caller + ", csrfToken=redacted, signedInAt=" + signedInAt + "]";
        }
    }

    /** A new session's cookie value, shown to the browser once, and the session. */
    record Started(String cookieValue, Session session) {
        @Override
        public String toString() {
            return "Started[cookieValue=redacted, session=" + session + "]";
        }
    }

    private final Map<SecretHash, Session> sessions = new ConcurrentHashMap<>();
    private final RandomnessPort randomness;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration lifetime;

    ConsoleSessions(RandomnessPort randomness, Clock clock,
                    @Value("${latchkey.console.session-idle-timeout:15m}") Duration idleTimeout,
                    @Value("${latchkey.console.session-lifetime:8h}") Duration lifetime) {
        this.randomness = randomness;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
    }

    Started start(Caller caller, String passwordStamp) {
        String cookieValue = random();
        Instant now = clock.instant();
        Session session = new Session(caller, passwordStamp, random(), now, now);
        // Stored under the id's hash, as tokens are: what memory holds cannot be presented as a cookie.
        sessions.put(SecretHash.of(cookieValue), session);
        return new Started(cookieValue, session);
    }

    /** The live session the cookie names, its idle clock restarted; empty when there is none or it has ended. */
    Optional<Session> find(String cookieValue) {
        SecretHash key = SecretHash.of(cookieValue);
        Instant now = clock.instant();
        Session found = sessions.computeIfPresent(key, (ignored, session) -> ended(session, now) ? null
                : new Session(session.caller(), session.passwordStamp(), session.csrfToken(), session.signedInAt(),
                now));
        return Optional.ofNullable(found);
    }

    /** Replaces the session's caller, as it is now (a changed role). */
    void refresh(String cookieValue, Caller caller) {
        sessions.computeIfPresent(SecretHash.of(cookieValue), (ignored, session) ->
                new Session(caller, session.passwordStamp(), session.csrfToken(), session.signedInAt(),
                        session.lastSeenAt()));
    }

    void end(String cookieValue) {
        sessions.remove(SecretHash.of(cookieValue));
    }

    /** Ends every session of an account: it was disabled from the console. */
    void endAllOf(AccountId account) {
        sessions.values().removeIf(session -> session.caller().accountId().equals(account));
    }

    static boolean sameToken(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    Duration lifetime() {
        return lifetime;
    }

    @Scheduled(fixedDelay = "1m")
    void forgetEnded() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> ended(session, now));
    }

    private boolean ended(Session session, Instant now) {
        return !now.isBefore(session.lastSeenAt().plus(idleTimeout))
                || !now.isBefore(session.signedInAt().plus(lifetime));
    }

    /** 256 random bits, URL-safe. */
    private String random() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomness.nextBytes(32));
    }
}
