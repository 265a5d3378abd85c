package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenSecretTest {

    private static byte[] bytes(int fill) {
        byte[] bytes = new byte[TokenSecret.RANDOM_BYTES];
        Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    @Test
    void rendersWithPrefixBodyAndChecksum() {
        String rendered = TokenSecret.fromRandomBytes(bytes(7)).reveal();

        assertThat(rendered).startsWith("lk_").hasSize(TokenSecret.LENGTH).matches("lk_[0-9A-Za-z]{49}");
    }

    @Test
    void carriesTheFull256Bits() {
        // The largest 256-bit value still fits the body; the smallest is left-padded, not shortened.
        assertThat(TokenSecret.fromRandomBytes(bytes(0xff)).reveal()).hasSize(TokenSecret.LENGTH);
        assertThat(TokenSecret.fromRandomBytes(bytes(0)).reveal()).hasSize(TokenSecret.LENGTH);
    }

    @Test
    void refusesFewerThan256RandomBits() {
        assertThatThrownBy(() -> TokenSecret.fromRandomBytes(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void differentRandomnessGivesDifferentSecrets() {
        assertThat(TokenSecret.fromRandomBytes(bytes(1)).reveal())
                .isNotEqualTo(TokenSecret.fromRandomBytes(bytes(2)).reveal());
    }

    @Test
    void parsesWhatItRendered() {
        TokenSecret secret = TokenSecret.fromRandomBytes(bytes(42));

        assertThat(TokenSecret.parse(secret.reveal())).hasValueSatisfying(
                parsed -> assertThat(parsed.hash()).isEqualTo(secret.hash()));
    }

    @Test
    void rejectsAMistypedCharacterOffline() {
        String rendered = TokenSecret.fromRandomBytes(bytes(42)).reveal();
        char flipped = rendered.charAt(10) == 'a' ? 'b' : 'a';
        String mistyped = rendered.substring(0, 10) + flipped + rendered.substring(11);

        assertThat(TokenSecret.parse(mistyped)).isEmpty();
    }

    @Test
    void rejectsGarbageWithoutLookingItUp() {
        assertThat(TokenSecret.parse(null)).isEmpty();
        assertThat(TokenSecret.parse("")).isEmpty();
        assertThat(TokenSecret.parse("lk_")).isEmpty();
        assertThat(TokenSecret.parse("gh_" + "a".repeat(49))).isEmpty();
        assertThat(TokenSecret.parse("lk_" + "!".repeat(49))).isEmpty();
    }

    @Test
    void toStringNeverRevealsTheSecret() {
        TokenSecret secret = TokenSecret.fromRandomBytes(bytes(9));

        assertThat(secret.toString()).doesNotContain(secret.reveal()).doesNotContain(secret.reveal().substring(3, 13));
    }

    @Test
    void hashIsSha256OfTheRenderedSecret() {
        TokenSecret secret = TokenSecret.fromRandomBytes(bytes(3));

        assertThat(secret.hash()).isEqualTo(SecretHash.of(secret.reveal()));
        assertThat(secret.hash().toHex()).hasSize(64);
    }

    @Test
    void clientSecretsHaveTheirOwnPrefixAndAreNotTokens() {
        ClientSecret client = ClientSecret.fromRandomBytes(bytes(4));

        assertThat(client.reveal()).startsWith("lkc_").hasSize(53);
        assertThat(ClientSecret.parse(client.reveal())).isPresent();
        assertThat(TokenSecret.parse(client.reveal())).isEmpty();
        assertThat(ClientSecret.parse(TokenSecret.fromRandomBytes(bytes(4)).reveal())).isEmpty();
        assertThat(client.toString()).isEqualTo("ClientSecret[redacted]");
    }
}
