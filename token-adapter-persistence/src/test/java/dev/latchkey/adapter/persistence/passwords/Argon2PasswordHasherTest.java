package dev.latchkey.adapter.persistence.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.out.CapacityExhaustedException;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {

    private final Argon2PasswordHasher hasher =
            new Argon2PasswordHasher(new HashingCapacity(1, 16, Duration.ofSeconds(30)));

    @Test
    void hashesWithArgon2idAtOwaspParametersInPhcFormat() {
        PasswordHash hash = hasher.hash(Password.chosen("correct horse battery staple"));

        assertThat(hash.phcString()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                .startsWith(Argon2PasswordHasher.PARAMETERS);
        assertThat(hash.phcString()).doesNotContain("horse");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        PasswordHash hash = hasher.hash(Password.chosen("correct horse battery staple"));

        assertThat(hasher.matches(Password.presented("correct horse battery staple"), hash)).isTrue();
        assertThat(hasher.matches(Password.presented("correct horse battery stapler"), hash)).isFalse();
    }

    @Test
    void theDecoyHasARealHashsShapeAndMatchesNoPassword() {
        PasswordHash real = hasher.hash(Password.chosen("correct horse battery staple"));
        PasswordHash decoy = hasher.decoy();

        assertThat(shape(decoy)).isEqualTo(shape(real));
        assertThat(decoy).isNotEqualTo(hasher.decoy());
        assertThat(hasher.matches(Password.presented("correct horse battery staple"), decoy)).isFalse();
        assertThat(hasher.matches(Password.presented("-"), decoy)).isFalse();
    }

    /**
     * Parameters and the decoded lengths of salt and digest: all that the time to check a password depends on, since
     * the encoder runs Argon2id with the parameters the string names before it compares.
     */
    private static String shape(PasswordHash hash) {
        String[] parts = hash.phcString().split("\\$");
        return String.join("$", parts[1], parts[2], parts[3]) + " salt " + java.util.Base64.getDecoder()
                .decode(parts[4]).length + " digest " + java.util.Base64.getDecoder().decode(parts[5]).length;
    }

    @Test
    void saltsEveryHash() {
        Password password = Password.chosen("correct horse battery staple");

        assertThat(hasher.hash(password)).isNotEqualTo(hasher.hash(password));
    }

    @Test
    void hashesBeyondTheRunningAndQueuedOnesAreRefusedAtOnce() throws Exception {
        Argon2PasswordHasher bounded = new Argon2PasswordHasher(new HashingCapacity(1, 1, Duration.ofSeconds(30)));
        PasswordHash hash = hasher.hash(Password.chosen("correct horse battery staple"));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try {
            for (int client = 0; client < 8; client++) {
                attempts.add(clients.submit(() -> {
                    start.await();
                    try {
                        bounded.matches(Password.presented("wrong horse battery staple"), hash);
                        return true;
                    } catch (CapacityExhaustedException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int served = 0;
            for (Future<Boolean> attempt : attempts) {
                served += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(served).as("one running, one queued, the rest refused").isBetween(1, 7);
        } finally {
            clients.shutdownNow();
        }
        assertThat(bounded.matches(Password.presented("correct horse battery staple"), hash))
                .as("capacity is given back").isTrue();
    }

    @Test
    void aQueuedHashWaitsOnlyAsLongAsAllowed() throws Exception {
        Argon2PasswordHasher impatient = new Argon2PasswordHasher(new HashingCapacity(1, 4, Duration.ZERO));
        PasswordHash hash = hasher.hash(Password.chosen("correct horse battery staple"));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Thread busy = new Thread(() -> {
            while (!done.get() && System.nanoTime() < deadline) {
                try {
                    impatient.matches(Password.presented("correct horse battery staple"), hash);
                } catch (CapacityExhaustedException refusedInTurn) {
                    // the other thread held the slot this time
                }
            }
        });
        busy.start();
        try {
            boolean refused = false;
            for (int i = 0; i < 200 && !refused; i++) {
                try {
                    impatient.matches(Password.presented("correct horse battery staple"), hash);
                } catch (CapacityExhaustedException expected) {
                    refused = expected.retryAfterSeconds() >= 1;
                }
            }
            assertThat(refused).isTrue();
        } finally {
            done.set(true);
            busy.join();
        }
    }

    @Test
    void aCapacityTheHeapCannotHoldStopsTheStart() {
        HashingCapacity tooMany = new HashingCapacity(8, 0, Duration.ofSeconds(1));

        assertThatThrownBy(() -> tooMany.checkFits(256L << 20))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("latchkey.passwords.concurrent-hashes=8");
        new HashingCapacity(1, 0, Duration.ofSeconds(1)).checkFits(256L << 20);
    }

    @Test
    void oneCoreIsLeftForTokenChecks() {
        assertThat(HashingCapacity.defaultConcurrency(1)).isEqualTo(1);
        assertThat(HashingCapacity.defaultConcurrency(2)).isEqualTo(1);
        assertThat(HashingCapacity.defaultConcurrency(8)).isEqualTo(7);
    }
}
