package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One token model underneath every dialect: a token from each of the five is listed by the native API, active in
 * RFC 7662 introspection, accepted as a credential, and revocable by the native API, by RFC 7009 or by another
 * dialect, after which every endpoint refuses it. Runs on PostgreSQL, the production store.
 */
class OneTokenModelTest extends DialectContract {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.accounts.password-minimum-length", 8);
    }

    private String field(String body, String name) throws Exception {
        return (String) json.readValue(body, Map.class).get(name);
    }

    @Test
    void everyDialectsTokenIsAnOrdinaryToken() throws Exception {
        Map<String, String> admin = Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD),
                "Content-Type", "application/json");
        assertThat(send("POST", "/api/v1/admin/partners", admin, "{\"id\": 42, \"name\": \"P\", \"agreementsSigned\": true}")
                .statusCode()).isEqualTo(201);
        assertThat(createAccount("{\"username\":\"all-in-one\",\"password\":\"all-in-one-pw\",\"email\":\"a@b.c\","
                + "\"organization\":\"Org\",\"partnerId\":42}").statusCode()).isEqualTo(201);
        String basic = basic("all-in-one", "all-in-one-pw");

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("datasentinel", field(send("POST", "/ds-api/user-token", Map.of("Authorization", basic), null)
                .body(), "user-token"));
        tokens.put("sampletoken", field(send("GET", "/Token", JSON,
                "grant_type=password&username=all-in-one&password=all-in-one-pw").body(), "access_token"));
        tokens.put("trifacta", field(send("POST", "/v4/apiAccessTokens", Map.of("Authorization", basic,
                "Content-Type", "application/json"), "{\"lifetimeSeconds\": 3600, \"description\": \"t\"}").body(),
                "tokenValue"));
        tokens.put("sirdata", field(send("GET", "/api/v1/public/auth/partner/42/token", JSON,
                "{\"login\": \"all-in-one\", \"password\": \"all-in-one-pw\"}").body(), "token"));
        tokens.put("mastersindia", field(send("POST", "/api/v1/token-auth/", JSON,
                "{\"username\": \"all-in-one\", \"password\": \"all-in-one-pw\"}").body(), "token"));

        String nativeList = send("GET", "/api/v1/tokens?size=100", Map.of("Authorization", basic), null).body();
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            assertThat(token.getValue()).as(token.getKey()).isNotBlank();
            Map<String, Object> introspection = introspect(token.getValue());
            assertThat(introspection).as(token.getKey()).containsEntry("active", true)
                    .containsEntry("username", "all-in-one");
            assertThat(nativeList).as(token.getKey() + " in the native list").contains((String) introspection.get("jti"));
            assertThat(useNatively(token.getValue())).as(token.getKey()).isEqualTo(200);
        }

        // Revoke each by a different means.
        String datasentinelId = (String) introspect(tokens.get("datasentinel")).get("jti");
        assertThat(send("DELETE", "/api/v1/tokens/" + datasentinelId, Map.of("Authorization", basic), null)
                .statusCode()).isEqualTo(204);
        for (String viaRfc7009 : List.of("sampletoken", "sirdata", "mastersindia")) {
            assertThat(send("POST", "/oauth2/revoke", Map.of("Authorization", "Bearer " + tokens.get("trifacta"),
                    "Content-Type", "application/x-www-form-urlencoded"),
                    "token=" + URLEncoder.encode(tokens.get(viaRfc7009), StandardCharsets.UTF_8)).statusCode())
                    .isEqualTo(200);
        }
        String trifactaId = (String) introspect(tokens.get("trifacta")).get("jti");
        assertThat(send("DELETE", "/v4/apiAccessTokens/" + trifactaId, Map.of("Authorization", basic), null)
                .statusCode()).isEqualTo(204);

        for (Map.Entry<String, String> token : tokens.entrySet()) {
            assertThat(introspect(token.getValue())).as(token.getKey()).isEqualTo(Map.of("active", false));
            assertThat(useNatively(token.getValue())).as(token.getKey()).isEqualTo(401);
        }
    }
}
