package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** An installation's own prefix: new secrets carry it, earlier ones keep working, scanners can match them all. */
class TokenSecretFormatProperties {

    private static final TokenSecretFormat ACME = TokenSecretFormat.of("acme_lk_", List.of("lk_", "old-acme_"));

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(TokenSecret.RANDOM_BYTES);
    }

    @Provide
    Arbitrary<String> prefixes() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').range('0', '9');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withChars('_', '-').ofMaxLength(TokenSecretFormat.MAX_PREFIX_LENGTH - 1);
        return net.jqwik.api.Combinators.combine(first, rest).as((head, tail) -> head + tail)
                .filter(prefix -> !List.of("lkc_", "lka_", "lkd_").contains(prefix.toLowerCase()));
    }

    @Property
    void aSecretIssuedWithAnyPrefixIsRecognisedAndMatchedByTheScannerPattern(@ForAll("prefixes") String prefix,
                                                                           @ForAll("randomBytes") byte[] bytes) {
        TokenSecretFormat format = TokenSecretFormat.of(prefix, List.of("lk_"));
        TokenSecret secret = format.render(bytes);

        assertThat(secret.reveal()).startsWith(prefix).hasSize(prefix.length() + 49);
        assertThat(format.parse(secret.reveal())).hasValueSatisfying(parsed ->
                assertThat(parsed.hash()).isEqualTo(secret.hash()));
        assertThat(Pattern.compile(format.scannerPattern()).matcher("token: " + secret.reveal() + "\n").find())
                .isTrue();
    }

    @Property
    void tokensIssuedBeforeAPrefixChangeStillParseAndKeepTheirHash(@ForAll("randomBytes") byte[] bytes) {
        TokenSecret before = TokenSecret.fromRandomBytes(bytes);

        assertThat(ACME.parse(before.reveal())).hasValueSatisfying(parsed ->
                assertThat(parsed.hash()).isEqualTo(before.hash()));
        assertThat(ACME.render(bytes).reveal()).startsWith("acme_lk_");
        assertThat(ACME.renderedWithEachPrefix(bytes)).extracting(TokenSecret::hash)
                .as("a rotation retried after the change finds its secret among these")
                .contains(before.hash()).first().isEqualTo(ACME.render(bytes).hash());
    }

    @Property
    void aPrefixNoLongerListedIsNoLongerRecognised(@ForAll("randomBytes") byte[] bytes) {
        String before = TokenSecret.fromRandomBytes(bytes).reveal();

        assertThat(TokenSecretFormat.of("acme_lk_", List.of()).parse(before)).isEmpty();
        assertThat(TokenSecret.parse(ACME.render(bytes).reveal())).as("the default knows no other prefix").isEmpty();
    }

    @Property
    void anotherPrefixOrOneCharacterChangedIsNeverASecret(@ForAll("randomBytes") byte[] bytes) {
        String rendered = ACME.render(bytes).reveal();

        assertThat(ACME.parse("xacme_lk_" + rendered.substring("acme_lk_".length()))).isEmpty();
        assertThat(ACME.parse("lk_" + rendered.substring("acme_lk_".length()))).as("the checksum holds still")
                .hasValueSatisfying(parsed -> assertThat(parsed.reveal()).startsWith("lk_"));
        assertThat(ACME.parse(rendered.substring(0, rendered.length() - 1))).isEmpty();
    }

    @Example
    void aPrefixAScannerCouldNotMatchOrThatAnotherSecretCarriesIsRefused() {
        for (String refused : List.of("", "_lk", "-lk", "acme lk_", "acme.lk_", "äcme_", "a".repeat(21), "lkc_",
                "LKA_", "lkd_", "acme\n")) {
            assertThatThrownBy(() -> TokenSecretFormat.of(refused, List.of())).as(refused)
                    .isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> TokenSecretFormat.of("lk_", List.of(refused))).as(refused)
                    .isInstanceOf(InvalidValueException.class)
                    .extracting(failure -> ((InvalidValueException) failure).field()).isEqualTo("previous-prefixes");
        }
        assertThat(TokenSecretFormat.of("a".repeat(20), List.of()).prefix()).hasSize(20);
    }

    @Example
    void theCurrentPrefixIsNeverAlsoAPreviousOneAndEachIsListedOnce() {
        TokenSecretFormat format = TokenSecretFormat.of("acme_", List.of("lk_", "acme_", "lk_"));

        assertThat(format.previousPrefixes()).containsExactly("lk_");
        assertThat(format.scannerPattern()).isEqualTo("\\b(?:acme_|lk_)[0-9A-Za-z]{49}\\b");
        assertThat(TokenSecretFormat.STANDARD.scannerPattern()).isEqualTo("\\blk_[0-9A-Za-z]{49}\\b");
    }
}
