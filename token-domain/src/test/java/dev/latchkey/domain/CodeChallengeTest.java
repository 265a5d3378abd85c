package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CodeChallengeTest {

    /** RFC 7636 appendix B. */
    private static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void theRfcsExampleVerifierAnswersItsChallenge() {
        CodeChallenge challenge = CodeChallenge.of(RFC_CHALLENGE, "S256");

        assertThat(challenge.isAnsweredBy(RFC_VERIFIER)).isTrue();
        assertThat(CodeChallenge.answeredBy(RFC_VERIFIER)).isEqualTo(challenge);
    }

    @Test
    void onlyS256IsAcceptedAndAChallengeIsRequired() {
        assertThatThrownBy(() -> CodeChallenge.of(RFC_CHALLENGE, "plain")).isInstanceOf(InvalidValueException.class)
                .hasMessage("code_challenge_method: must be S256");
        assertThatThrownBy(() -> CodeChallenge.of(RFC_CHALLENGE, null))
                .as("no method means plain").isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> CodeChallenge.of(RFC_CHALLENGE, "s256")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> CodeChallenge.of(null, "S256")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("required");
        assertThatThrownBy(() -> CodeChallenge.of(RFC_VERIFIER + "x", "S256"))
                .as("a verifier sent as the challenge is no SHA-256").isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> CodeChallenge.of(RFC_CHALLENGE.substring(1) + "=", "S256"))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aVerifierOutsideRfc7636sShapeAnswersNothingEvenIfItsHashWouldMatch() {
        String shortVerifier = "a".repeat(42);
        String longVerifier = "a".repeat(129);
        String plus = "a".repeat(42) + "+";

        assertThat(CodeChallenge.answeredBy(shortVerifier).isAnsweredBy(shortVerifier)).isFalse();
        assertThat(CodeChallenge.answeredBy(longVerifier).isAnsweredBy(longVerifier)).isFalse();
        assertThat(CodeChallenge.answeredBy(plus).isAnsweredBy(plus)).isFalse();
        assertThat(CodeChallenge.of(RFC_CHALLENGE, "S256").isAnsweredBy(null)).isFalse();
        assertThat(CodeChallenge.of(RFC_CHALLENGE, "S256").isAnsweredBy(RFC_CHALLENGE))
                .as("the challenge itself is not its verifier").isFalse();
    }

    @Property
    void aVerifierAnswersItsOwnChallengeAndNoOther(@ForAll("verifiers") String verifier,
                                                   @ForAll("verifiers") String other) {
        CodeChallenge challenge = CodeChallenge.of(CodeChallenge.answeredBy(verifier).value(), "S256");

        assertThat(challenge.isAnsweredBy(verifier)).isTrue();
        assertThat(challenge.isAnsweredBy(other)).isEqualTo(other.equals(verifier));
    }

    @Provide
    Arbitrary<String> verifiers() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
                .ofMinLength(43).ofMaxLength(128);
    }

    @Test
    void aChallengeNeverPrintsItself() {
        assertThat(CodeChallenge.of(RFC_CHALLENGE, "S256").toString()).doesNotContain(RFC_CHALLENGE);
    }
}
