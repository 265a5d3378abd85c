package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TokenSecretProperties {

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(TokenSecret.RANDOM_BYTES);
    }

    @Property
    void everySecretParsesBackToTheSameHash(@ForAll("randomBytes") byte[] bytes) {
        TokenSecret secret = TokenSecret.fromRandomBytes(bytes);

        assertThat(secret.reveal()).hasSize(TokenSecret.LENGTH).startsWith(TokenSecret.PREFIX);
        assertThat(TokenSecret.parse(secret.reveal())).hasValueSatisfying(
                parsed -> assertThat(parsed.hash()).isEqualTo(secret.hash()));
    }

    @Property
    void anySingleCharacterChangeIsCaughtByTheChecksum(@ForAll("randomBytes") byte[] bytes,
                                                        @ForAll @IntRange(min = 3, max = TokenSecret.LENGTH - 1) int position,
                                                        @ForAll @IntRange(min = 1, max = 61) int shift) {
        String rendered = TokenSecret.fromRandomBytes(bytes).reveal();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char replacement = alphabet.charAt((alphabet.indexOf(rendered.charAt(position)) + shift) % 62);
        String altered = rendered.substring(0, position) + replacement + rendered.substring(position + 1);

        assertThat(TokenSecret.parse(altered)).isEmpty();
    }

    @Property
    void arbitraryStringsAreNeverMistakenForSecrets(@ForAll String garbage) {
        assertThat(TokenSecret.parse(garbage)).isEmpty();
    }

    @Property
    void toStringRevealsNothing(@ForAll("randomBytes") byte[] bytes) {
        TokenSecret secret = TokenSecret.fromRandomBytes(bytes);

        assertThat(secret.toString()).isEqualTo("TokenSecret[redacted]");
    }
}
