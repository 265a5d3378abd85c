package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** JWT settings that could not work stop the start-up with a message that says what to set. */
class OAuthConfigurationTest {

    private static ApplicationContext start(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.putAll(new InMemoryH2Database().start());
        properties.put(BootstrapAdministrator.USERNAME_PROPERTY, "admin");
        properties.put(BootstrapAdministrator.PASSWORD_PROPERTY, "correct horse battery staple");
        return ApplicationContext.run(properties);
    }

    @Test
    void jwtAccessTokensNeedAnIssuer() {
        assertThatThrownBy(() -> start(Map.of("latchkey.oauth.access-token-format", "jwt")).close())
                .hasStackTraceContaining("latchkey.issuer (LATCHKEY_ISSUER)");
    }

    @Test
    void aConfiguredJwtSecretMustCarry256Bits() {
        assertThatThrownBy(() -> start(Map.of("latchkey.oauth.access-token-format", "jwt",
                "latchkey.oauth.issuer", "https://latchkey.test", "latchkey.oauth.jwt.secret", "too short")).close())
                .hasStackTraceContaining("at least 32 bytes");
    }
}
