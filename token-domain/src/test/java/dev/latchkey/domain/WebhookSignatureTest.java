package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signatures receivers can check with any Standard Webhooks library. */
class WebhookSignatureTest {

    /** The Standard Webhooks specification's published example: what its libraries are tested against. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSpecificationsExampleIsSignedAsItsLibrariesExpect() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET).orElseThrow();

        assertThat(WebhookSignature.header(List.of(secret), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void whileASecretIsRotatedBothSignInTheOrderGiven() {
        WebhookSecret current = WebhookSecret.fromRandomBytes(new byte[32]);
        WebhookSecret previous = WebhookSecret.parse(SPEC_SECRET).orElseThrow();

        String header = WebhookSignature.header(List.of(current, previous), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        assertThat(List.of(header.split(" "))).hasSize(2).last()
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(header.split(" ")[0]).startsWith("v1,").isNotEqualTo(header.split(" ")[1]);
    }

    @Test
    void anythingChangedChangesTheSignature() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET).orElseThrow();
        String signed = WebhookSignature.header(List.of(secret), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        assertThat(WebhookSignature.header(List.of(secret), SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY))
                .isNotEqualTo(signed);
        assertThat(WebhookSignature.header(List.of(secret), SPEC_ID + "x", SPEC_TIMESTAMP, SPEC_BODY))
                .isNotEqualTo(signed);
        assertThat(WebhookSignature.header(List.of(secret), SPEC_ID, SPEC_TIMESTAMP,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(signed);
        assertThatThrownBy(() -> WebhookSignature.header(List.of(), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretRoundTripsItsTextAndNeverPrintsIt() {
        byte[] bytes = new byte[32];
        bytes[0] = 7;
        WebhookSecret secret = WebhookSecret.fromRandomBytes(bytes);

        assertThat(secret.reveal()).startsWith("whsec_");
        assertThat(WebhookSecret.parse(secret.reveal())).contains(secret);
        assertThat(secret.toString()).isEqualTo("WebhookSecret[redacted]").doesNotContain(secret.reveal());
        for (String notOne : List.of("", "whsec_", "whsec_not base64!", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[23]),
                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[65]))) {
            assertThat(WebhookSecret.parse(notOne)).as(notOne).isEmpty();
        }
        assertThatThrownBy(() -> WebhookSecret.fromRandomBytes(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
