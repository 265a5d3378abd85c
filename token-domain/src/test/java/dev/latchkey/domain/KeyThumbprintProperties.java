package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class KeyThumbprintProperties {

    @Property
    void everySha256InBase64urlWithoutPaddingIsAThumbprint(@ForAll @Size(32) byte[] digest) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);

        assertThat(KeyThumbprint.of(encoded).value()).isEqualTo(encoded);
    }

    @Property
    void aDigestOfAnotherLengthOrAnotherAlphabetIsRefused(@ForAll @Size(min = 0, max = 64) byte[] digest) {
        if (digest.length == 32) {
            String standard = Base64.getEncoder().encodeToString(digest);
            if (!standard.contains("+") && !standard.contains("/")) {
                return;
            }
            assertThatThrownBy(() -> KeyThumbprint.of(standard)).isInstanceOf(InvalidValueException.class);
            return;
        }
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        assertThatThrownBy(() -> KeyThumbprint.of(encoded)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("jkt");
    }

    @Example
    void theRfc7638ExampleIsAThumbprintAndAFortyThirdCharacterThatSetsUnusedBitsIsNot() {
        assertThat(KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")).hasToString(
                "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        assertThatThrownBy(() -> KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xt"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> KeyThumbprint.of(null)).isInstanceOf(InvalidValueException.class);
    }
}
