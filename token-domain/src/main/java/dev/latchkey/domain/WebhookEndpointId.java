package dev.latchkey.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The identifier of a webhook endpoint. */
public record WebhookEndpointId(UUID value) {

    public WebhookEndpointId {
        Objects.requireNonNull(value, "value");
    }

    /** A version 4 UUID built from 16 bytes the caller drew from its randomness port. */
    public static WebhookEndpointId fromRandomBytes(byte[] sixteenRandomBytes) {
        return new WebhookEndpointId(TokenId.RandomUuid.fromBytes(sixteenRandomBytes));
    }

    /** Parses the canonical textual form; anything else is no id. */
    public static Optional<WebhookEndpointId> parse(String text) {
        return TokenId.RandomUuid.parse(text).map(WebhookEndpointId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
