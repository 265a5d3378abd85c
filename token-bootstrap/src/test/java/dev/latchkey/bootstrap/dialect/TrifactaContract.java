package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Trifacta v4 API access tokens (seeds/trifacta-api-access-tokens-create-v4.md): the documented request sent as
 * written, the documented response shape, and the rest of the API.
 */
abstract class TrifactaContract extends DialectContract {

    /** The request body exactly as the documentation shows it. */
    private static final String SEED_REQUEST = """
            {
              "lifetimeSeconds": 100,
              "description": "My 100-second token"
            }""";

    private HttpResponse<String> create(String authorization, String body) throws Exception {
        return send("POST", "/v4/apiAccessTokens", Map.of("Authorization", authorization,
                "Content-Type", "application/json"), body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> info(Map<String, Object> created) {
        return (Map<String, Object>) created.get("tokenInfo");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedRequestGetsTheDocumentedResponse() throws Exception {
        HttpResponse<String> response = create(basic(ADMIN, ADMIN_PASSWORD), SEED_REQUEST);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Map<String, Object> created = body(response);
        assertThat(created).containsOnlyKeys("tokenValue", "tokenInfo");
        Map<String, Object> info = info(created);
        assertThat(info).containsOnlyKeys("tokenId", "description", "expiredAt", "lastUsed", "createdAt")
                .containsEntry("description", "My 100-second token").containsEntry("lastUsed", null);
        assertThat((String) info.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Duration.between(Instant.parse((String) info.get("createdAt")),
                Instant.parse((String) info.get("expiredAt")))).isEqualTo(Duration.ofSeconds(100));
        Map<String, Object> decoded = json.readValue(new String(Base64.getDecoder().decode(
                (String) created.get("tokenValue")), StandardCharsets.UTF_8), Map.class);
        assertThat(decoded).containsEntry("tokenId", info.get("tokenId")).containsKey("secret");
    }

    @Test
    void minusOneNeverExpires() throws Exception {
        Map<String, Object> created = body(create(basic(ADMIN, ADMIN_PASSWORD),
                "{\"lifetimeSeconds\": -1, \"description\": \"forever\"}"));

        assertThat(info(created)).containsEntry("expiredAt", null);
    }

    @Test
    void theTokenValueIsACredentialEverywhere() throws Exception {
        Map<String, Object> created = body(create(basic(ADMIN, ADMIN_PASSWORD), SEED_REQUEST));
        String tokenValue = (String) created.get("tokenValue");

        assertThat(create("Bearer " + tokenValue, "{\"lifetimeSeconds\": 50, \"description\": \"child\"}").statusCode())
                .as("an existing token may create tokens").isEqualTo(201);
        assertThat(useNatively(tokenValue)).isEqualTo(200);
        assertThat(introspect(tokenValue)).containsEntry("active", true);
        HttpResponse<String> fetched = send("GET", "/v4/apiAccessTokens/" + info(created).get("tokenId"),
                Map.of("Authorization", "Bearer " + tokenValue), null);
        assertThat(body(fetched).get("lastUsed")).as("using it records lastUsed").isNotNull();
        HttpResponse<String> nativeList = send("GET", "/api/v1/tokens?size=100",
                Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD)), null);
        assertThat(nativeList.body()).contains((String) info(created).get("tokenId"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listGetAndDelete() throws Exception {
        String tokenId = (String) info(body(create(basic(ADMIN, ADMIN_PASSWORD), SEED_REQUEST))).get("tokenId");
        Map<String, String> admin = Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD));

        List<Map<String, Object>> data = (List<Map<String, Object>>) body(send("GET", "/v4/apiAccessTokens", admin,
                null)).get("data");
        assertThat(data).anySatisfy(token -> assertThat(token).containsEntry("tokenId", tokenId));
        assertThat(send("GET", "/v4/apiAccessTokens/" + tokenId, admin, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/v4/apiAccessTokens/" + tokenId, admin, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/v4/apiAccessTokens/" + tokenId, admin, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/v4/apiAccessTokens/not-an-id", admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void badLifetimesAndBodiesAre400sInTrifactasShape() throws Exception {
        for (String body : List.of("{\"lifetimeSeconds\": 0}", "{\"lifetimeSeconds\": -2}",
                "{\"lifetimeSeconds\": 99999999999}", "{\"description\": \"no lifetime\"}",
                "{\"lifetimeSeconds\": \"soon\"}", "{\"lifetimeSeconds\": 1.5}", "not json", "[]")) {
            HttpResponse<String> response = create(basic(ADMIN, ADMIN_PASSWORD), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat((Map<String, Object>) body(response).get("exception")).as(body).containsKeys("name", "message");
        }
    }

    @Test
    void authenticationFailuresAnswerInTrifactasShape() throws Exception {
        HttpResponse<String> response = create(basic(ADMIN, "wrong"), SEED_REQUEST);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body(response)).containsKey("exception");
        assertThat(send("GET", "/v4/nothing", Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD)), null).body())
                .contains("Route doesn't exist");
    }
}
