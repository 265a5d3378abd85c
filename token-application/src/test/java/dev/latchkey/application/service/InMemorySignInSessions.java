package dev.latchkey.application.service;

import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.SignInSession;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sign-in sessions in a map, with the count of recorded uses, for tests that check how often the store is written. */
final class InMemorySignInSessions implements SignInSessionPort {

    private final Map<SecretHash, SignInSession> sessions = new ConcurrentHashMap<>();
    int seenRecorded;

    @Override
    public void save(SignInSession session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<SignInSession> find(SecretHash id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public void recordSeen(SecretHash id, Instant at) {
        seenRecorded++;
        sessions.computeIfPresent(id, (ignored, session) -> session.seenAt(at));
    }

    @Override
    public void end(SecretHash id) {
        sessions.remove(id);
    }

    @Override
    public int endAllOf(AccountId account) {
        int before = sessions.size();
        sessions.values().removeIf(session -> session.account().equals(account));
        return before - sessions.size();
    }

    int count() {
        return sessions.size();
    }
}
