package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class ProofUseProperties {

    private static final Instant END = Instant.parse("2026-12-05T18:00:00Z");

    @Property
    void twoUsesShareAKeyOnlyWhenKindPartyAndJtiAreAllTheSame(
            @ForAll ProofUse.Kind kind, @ForAll ProofUse.Kind otherKind,
            @ForAll @StringLength(min = 1, max = 40) String party, @ForAll @StringLength(min = 1, max = 40) String jti,
            @ForAll @StringLength(min = 1, max = 40) String otherParty,
            @ForAll @StringLength(min = 1, max = 40) String otherJti) {
        boolean same = kind == otherKind && party.equals(otherParty) && jti.equals(otherJti);

        assertThat(new ProofUse(kind, party, jti, END).key().equals(
                new ProofUse(otherKind, otherParty, otherJti, END.plusSeconds(60)).key())).isEqualTo(same);
    }

    @Property
    void aPartyEndingWhereAJtiBeginsCannotShift(@ForAll @StringLength(min = 1, max = 20) String party,
                                               @ForAll @StringLength(min = 2, max = 20) String jti) {
        Assume.that(jti.length() > 1);
        String shiftedParty = party + jti.charAt(0);
        String shiftedJti = jti.substring(1);

        assertThat(new ProofUse(ProofUse.Kind.DPOP_PROOF, party, jti, END).key())
                .isNotEqualTo(new ProofUse(ProofUse.Kind.DPOP_PROOF, shiftedParty, shiftedJti, END).key());
    }

    @Example
    void theKeyIsAHexSha256AndHoldsNeitherIdentifier() {
        String key = new ProofUse(ProofUse.Kind.CLIENT_ASSERTION, "billing-service", "jti-1", END).key();

        assertThat(key).matches("[0-9a-f]{64}").doesNotContain("billing").doesNotContain("jti-1");
    }

    @Example
    void anEmptyOrOverlongIdentifierIsRefused() {
        assertThatThrownBy(() -> new ProofUse(ProofUse.Kind.DPOP_PROOF, "thumbprint", "", END))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("jti");
        assertThatThrownBy(() -> new ProofUse(ProofUse.Kind.DPOP_PROOF, "x".repeat(513), "jti", END))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("party");
    }
}
