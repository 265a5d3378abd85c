package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class UserCodeTest {

    @Property
    void aCodeIsEightLettersWithoutVowelsAndIsReadBackHoweverItIsTyped(@ForAll long seed) {
        Random random = new Random(seed);
        UserCode code = UserCode.generate(count -> {
            byte[] bytes = new byte[count];
            random.nextBytes(bytes);
            return bytes;
        });
        String shown = code.display();

        assertThat(shown).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(UserCode.parse(shown)).contains(code);
        assertThat(UserCode.parse(shown.toLowerCase())).contains(code);
        assertThat(UserCode.parse(shown.replace("-", ""))).contains(code);
        assertThat(UserCode.parse(" " + shown.substring(0, 4) + " - " + shown.substring(5) + " ")).contains(code);
        assertThat(UserCode.parse(shown).orElseThrow().hash()).isEqualTo(code.hash());
    }

    @Test
    void anythingElseIsNoUserCode() {
        for (String entry : new String[] {"WDJB-MJH", "WDJB-MJHTX", "WDJB-MJHA", "WDJB-MJH0", "WDJB_MJHT", "", "-",
                "WDJB-MJHT".repeat(5)}) {
            assertThat(UserCode.parse(entry)).as(entry).isEmpty();
        }
        assertThat(UserCode.parse(null)).isEmpty();
    }

    @Test
    void bytesThatWouldBiasTheAlphabetAreDrawnAgain() {
        // 240 and above would favour the first letters; they are skipped, so a source of only 255s never ends well.
        byte[][] draws = {{(byte) 255, (byte) 250, 0, 1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12, 13}};
        int[] call = {0};
        UserCode code = UserCode.generate(count -> draws[call[0]++]);

        assertThat(code.display()).isEqualTo("BCDF-GHJK");
        assertThat(code.toString()).doesNotContain("BCDF");
    }
}
