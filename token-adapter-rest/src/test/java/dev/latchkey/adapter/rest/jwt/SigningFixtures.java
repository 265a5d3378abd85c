package dev.latchkey.adapter.rest.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import dev.latchkey.application.port.out.SigningKeyPort;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** JWT signing set up without a server: the settings, an in-memory key store, and the keys made at start-up. */
final class SigningFixtures {

    private SigningFixtures() {
    }

    static SigningSettings settings(JWSAlgorithm algorithm) {
        return new SigningSettings(true, algorithm, Duration.ofDays(30), Duration.ofMinutes(10), Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    /** Started as the server starts them: an asymmetric algorithm gets its first key. */
    static SigningKeys started(SigningSettings settings, SigningKeyPort store, Clock clock) {
        SigningKeys keys = new SigningKeys(store, settings, clock);
        keys.start();
        // What SigningKeyMaintenance asks the core at start-up: the first key, when none is there.
        if (keys.inUse() && keys.dueForRotation()) {
            keys.makeSuccessor();
        }
        return keys;
    }

    static final class InMemoryStore implements SigningKeyPort {
        private final Map<String, StoredSigningKey> keys = new ConcurrentHashMap<>();

        @Override
        public List<StoredSigningKey> all() {
            return List.copyOf(keys.values());
        }

        @Override
        public void add(StoredSigningKey key) {
            keys.put(key.kid(), key);
        }

        @Override
        public void remove(String kid) {
            keys.remove(kid);
        }
    }
}
