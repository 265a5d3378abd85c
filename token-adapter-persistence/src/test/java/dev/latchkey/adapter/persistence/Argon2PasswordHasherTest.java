package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {

    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

    @Test
    void hashesWithArgon2idAtOwaspParametersInPhcFormat() {
        PasswordHash hash = hasher.hash(Password.chosen("correct horse battery staple"));

        assertThat(hash.phcString()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hash.phcString()).doesNotContain("horse");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        PasswordHash hash = hasher.hash(Password.chosen("correct horse battery staple"));

        assertThat(hasher.matches(Password.presented("correct horse battery staple"), hash)).isTrue();
        assertThat(hasher.matches(Password.presented("correct horse battery stapler"), hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        Password password = Password.chosen("correct horse battery staple");

        assertThat(hasher.hash(password)).isNotEqualTo(hasher.hash(password));
    }
}
