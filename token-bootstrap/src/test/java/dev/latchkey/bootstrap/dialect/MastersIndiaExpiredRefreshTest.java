package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Masters India tells an expired refresh token (400) from a used or invalid one (206). */
class MastersIndiaExpiredRefreshTest extends DialectContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.dialects.mastersindia.refresh-token-lifetime", "1s");
    }

    @Test
    void anExpiredRefreshTokenIsA400() throws Exception {
        Map<String, Object> tokens = body(send("POST", "/api/v1/token-auth/", Map.of("Content-Type",
                "application/json"), "{\"username\": \"" + ADMIN + "\", \"password\": \"" + ADMIN_PASSWORD + "\"}"));
        Thread.sleep(1_200);

        HttpResponse<String> refreshed = send("POST", "/api/v2/api-token-refresh/", Map.of("Content-Type",
                "application/json"), "{\"token\": \"" + tokens.get("refresh token") + "\"}");

        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(body(refreshed)).containsKey("error");
    }
}
