package dev.latchkey.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherPortTest {

    /** A hasher of a library user's, which writes no decoy of its own: it records the passwords it hashes. */
    private static final class RecordingHasher implements PasswordHasherPort {
        final List<String> hashed = new ArrayList<>();

        @Override
        public PasswordHash hash(Password password) {
            hashed.add(password.reveal());
            return new PasswordHash("$recorded$" + password.reveal());
        }

        @Override
        public boolean matches(Password candidate, PasswordHash hash) {
            return hash.phcString().equals("$recorded$" + candidate.reveal());
        }
    }

    @Test
    void theDefaultDecoyIsTheHashOfARandomPasswordThatNoOtherDecoyShares() {
        RecordingHasher hasher = new RecordingHasher();

        PasswordHash first = hasher.decoy();
        PasswordHash second = hasher.decoy();

        assertThat(hasher.hashed).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(password -> assertThat(password).hasSize(64));
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.matches(Password.presented("decoy password for unknown usernames"), first)).isFalse();
    }
}
