package dev.latchkey.adapter.rest.dialect.trifacta;

import dev.latchkey.adapter.rest.security.CredentialUnwrapper;
import dev.latchkey.wire.StrictJson;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Trifacta's {@code tokenValue}: base64 of {@code {"tokenId": "...", "secret": "..."}}, so that the token carries its
 * own id. The secret inside is an ordinary Latchkey secret.
 */
@Singleton
@Requires(property = TrifactaController.ENABLED, notEquals = "false")
final class TrifactaTokenValue implements CredentialUnwrapper {

    /** The decoded value: both fields, and no other. */
    @Serdeable
    record Fields(@Nullable String tokenId, @Nullable String secret) {
        @Override
        public String toString() {
            return "Fields[tokenId=" + tokenId + ", secret=redacted]";
        }
    }

    private final JsonMapper json;

    TrifactaTokenValue(JsonMapper json) {
        this.json = json;
    }

    String wrap(String tokenId, String secret) {
        try {
            return Base64.getEncoder().encodeToString(json.writeValueAsBytes(new Fields(tokenId, secret)));
        } catch (IOException impossible) {
            throw new IllegalStateException("two strings always serialize", impossible);
        }
    }

    @Override
    public Optional<String> unwrap(String presented) {
        if (!presented.startsWith("eyJ") || presented.contains(".")) {
            return Optional.empty();
        }
        try {
            Fields fields = StrictJson.read(new String(Base64.getDecoder().decode(presented), StandardCharsets.UTF_8),
                    Fields.class);
            return fields.tokenId() != null ? Optional.ofNullable(fields.secret()) : Optional.empty();
        } catch (IllegalArgumentException | StrictJson.MalformedJson notTrifacta) {
            return Optional.empty();
        }
    }
}
