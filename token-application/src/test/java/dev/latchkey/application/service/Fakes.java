package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.LoginAuditPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.LoadAuditEventsPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SecretDerivationPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Small deterministic stand-ins for the outbound ports that are not stores. */
final class Fakes {

    private Fakes() {
    }

    /** Reversible "hash", so tests can see that hashing happened without paying for Argon2. */
    static final class PlainPasswordHasher implements PasswordHasherPort {
        final AtomicInteger verifications = new AtomicInteger();

        @Override
        public PasswordHash hash(Password password) {
            return new PasswordHash("$plain$" + password.reveal());
        }

        @Override
        public boolean matches(Password candidate, PasswordHash hash) {
            verifications.incrementAndGet();
            return hash.phcString().equals("$plain$" + candidate.reveal());
        }

        @Override
        public PasswordHash decoy() {
            return new PasswordHash("$decoy$");
        }
    }

    /** Runs the work directly; the in-memory stores apply each write at once. */
    static final class DirectTransactions implements TransactionPort {
        int transactions;

        @Override
        public synchronized <T> T inTransaction(Supplier<T> work) {
            transactions++;
            return work.get();
        }
    }

    /** A keyed, deterministic derivation, like the real one. */
    static final class KeyedDerivation implements SecretDerivationPort {
        @Override
        public byte[] derive(byte[] salt) {
            try {
                java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
                sha256.update("test key".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return sha256.digest(salt);
            } catch (java.security.NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /**
     * Stands in for signed JWTs: {@code jwt.<token id>.<marker>}. Only values it produced verify, as with a real
     * signature; the real codec has its own tests.
     */
    static final class MarkedJwts implements JwtAccessTokenPort {
        private static final String MARKER = "signed-by-test";

        @Override
        public String encode(TokenAttributes attributes, Instant issuedAt) {
            return "jwt." + attributes.id() + "." + MARKER;
        }

        @Override
        public String encodeWithAccountClaims(TokenAttributes attributes, Instant issuedAt,
                                              dev.latchkey.domain.Account owner) {
            return encode(attributes, issuedAt);
        }

        @Override
        public Optional<TokenId> verify(String presented) {
            String[] parts = presented.split("\\.");
            if (parts.length != 3 || !parts[0].equals("jwt") || !parts[2].equals(MARKER)) {
                return Optional.empty();
            }
            return TokenId.parse(parts[1]);
        }
    }

    static final class SeededRandomness implements RandomnessPort {
        private final Random random = new Random(42);

        @Override
        public synchronized byte[] nextBytes(int count) {
            byte[] bytes = new byte[count];
            random.nextBytes(bytes);
            return bytes;
        }
    }

    /** The audit trail in memory: what is recorded, and what is counted, each in order. */
    static final class RecordingAuditTrail implements RecordAuditEventPort, LoadAuditEventsPort {
        final List<AuditEvent> recorded = new ArrayList<>();
        final List<AuditEvent> counted = new ArrayList<>();

        @Override
        public synchronized void record(AuditEvent event) {
            recorded.add(event);
        }

        @Override
        public synchronized void count(AuditEvent event) {
            counted.add(event);
        }

        /** Everything, recorded and counted, in the order it came. */
        synchronized List<AuditEvent> all() {
            List<AuditEvent> all = new ArrayList<>(recorded);
            all.addAll(counted);
            all.sort(java.util.Comparator.comparing(AuditEvent::occurredAt));
            return all;
        }

        synchronized List<AuditEventType> recordedTypes() {
            return recorded.stream().map(AuditEvent::type).toList();
        }

        @Override
        public synchronized List<AuditEvent> find(Filter filter, long offset, int limit) {
            List<AuditEvent> matching = new ArrayList<>(all().stream().filter(event -> matches(filter, event)).toList());
            java.util.Collections.reverse(matching);
            return matching.stream().skip(offset).limit(limit).toList();
        }

        @Override
        public synchronized long count(Filter filter) {
            return all().stream().filter(event -> matches(filter, event)).count();
        }

        private static boolean matches(Filter filter, AuditEvent event) {
            return filter.account().map(account -> event.account().equals(java.util.Optional.of(account))).orElse(true)
                    && filter.token().map(token -> event.token().equals(java.util.Optional.of(token))).orElse(true)
                    && filter.type().map(type -> event.type() == type).orElse(true)
                    && filter.since().map(since -> !event.occurredAt().isBefore(since)).orElse(true)
                    && filter.until().map(until -> event.occurredAt().isBefore(until)).orElse(true);
        }
    }

    /** Keeps every refused login it is told of, as the operator's log would show it. */
    static final class RecordingLoginAudit implements LoginAuditPort {
        final List<String> lines = new ArrayList<>();

        @Override
        public void refused(String username, String address, AuthenticateUseCase.Reason reason) {
            lines.add("refused " + username + " from " + address + ": " + reason);
        }

        @Override
        public void limited(String username, String address, Duration retryAfter) {
            lines.add("limited " + username + " from " + address);
        }
    }

    static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
