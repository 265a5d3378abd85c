package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every dialect can be switched off by configuration; its routes are then simply not there. */
class DialectSwitchTest extends DialectContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of(
                "latchkey.dialects.datasentinel.enabled", false,
                "latchkey.dialects.sampletoken.enabled", false,
                "latchkey.dialects.trifacta.enabled", false,
                "latchkey.dialects.sirdata.enabled", false,
                "latchkey.dialects.mastersindia.enabled", false);
    }

    @Test
    void switchedOffDialectsAnswer404AsTheNativeApiDoes() throws Exception {
        Map<String, String> admin = Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD),
                "Content-Type", "application/json");

        assertThat(send("POST", "/ds-api/user-token", admin, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/Token", admin, "grant_type=password").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/v4/apiAccessTokens", admin, "{\"lifetimeSeconds\":100}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/public/auth/partner/1/token", admin, "{}").statusCode()).isEqualTo(404);
        java.net.http.HttpResponse<String> mastersIndia = send("POST", "/api/v1/token-auth/", admin, "{}");
        assertThat(mastersIndia.statusCode()).isEqualTo(404);
        assertThat(mastersIndia.headers().firstValue("Content-Type")).as("the native problem shape")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(send("POST", "/api/v1/tokens", admin, "{}").statusCode()).as("the native API stays").isEqualTo(201);
    }
}
