package dev.latchkey.adapter.rest.dialect.trifacta;

import dev.latchkey.adapter.rest.security.CredentialUnwrapper;
import dev.latchkey.adapter.rest.json.StrictJson;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trifacta's {@code tokenValue}: base64 of {@code {"tokenId": "...", "secret": "..."}}, so that the token carries its
 * own id. The secret inside is an ordinary Latchkey secret.
 */
@Singleton
@Requires(property = TrifactaController.ENABLED, notEquals = "false")
final class TrifactaTokenValue implements CredentialUnwrapper {

    private static final Set<String> FIELDS = Set.of("tokenId", "secret");

    private final JsonMapper json;

    TrifactaTokenValue(JsonMapper json) {
        this.json = json;
    }

    String wrap(String tokenId, String secret) {
        try {
            return Base64.getEncoder().encodeToString(json.writeValueAsBytes(Map.of("tokenId", tokenId,
                    "secret", secret)));
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
            Map<String, Object> fields = StrictJson.object(
                    new String(Base64.getDecoder().decode(presented), StandardCharsets.UTF_8));
            StrictJson.requireOnly(fields, FIELDS);
            return fields.get("secret") instanceof String secret && fields.get("tokenId") instanceof String
                    ? Optional.of(secret) : Optional.empty();
        } catch (IllegalArgumentException | StrictJson.MalformedJson notTrifacta) {
            return Optional.empty();
        }
    }
}
