package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issuance policies through the real server: simulated before they are set, enforced on every surface once set,
 * each refusal naming its rule, and removed again.
 */
abstract class PolicyScenario extends ServiceOnTestDatabase {

    private static final String STRICT = "{\"defaultLifetimeSeconds\":604800,\"maximumLifetimeSeconds\":2592000,"
            + "\"neverExpiringRoles\":[\"admin\"],\"maximumActiveTokens\":2,\"allowedScopes\":[\"read\"]}";
    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private final String kim = EndToEndScenario.basic("kim", "kim's long password");
    private final HttpClient http = HttpClient.newHttpClient();
    private JsonMapper json;

    @BeforeAll
    void accounts() throws Exception {
        json = node().context().getBean(JsonMapper.class);
        expect(call("POST", "/api/v1/admin/accounts", admin,
                "{\"username\":\"kim\",\"password\":\"kim's long password\",\"organization\":\"Orange\"}"), 201);
    }

    @Test
    void aPolicyIsSimulatedThenEnforcedWithItsRuleNamedThenRemoved() throws Exception {
        expect(call("POST", "/api/v1/tokens", kim, "{\"lifetimeSeconds\":-1}"), 201);
        expect(call("POST", "/api/v1/tokens", kim, "{\"scopes\":[\"deploy\"]}"), 201);

        Map<String, Object> simulated = expect(call("POST", "/api/v1/admin/policies/simulate", admin,
                "{\"organization\":\"Orange\",\"policy\":" + STRICT + "}"), 200);
        assertThat(simulated.get("tokensChecked")).isEqualTo(2);
        List<Object> rules = ((List<?>) simulated.get("breaches")).stream()
                .map(breach -> (Object) ((Map<?, ?>) breach).get("rule")).toList();
        assertThat(rules).containsExactlyInAnyOrder("never-expiring", "allowed-scopes");
        expect(call("POST", "/api/v1/tokens", kim, "{\"lifetimeSeconds\":-1}"), 201);

        expect(call("PUT", "/api/v1/admin/policies/organizations/Orange", admin, STRICT), 200);

        assertRefused(call("POST", "/api/v1/tokens", kim, "{\"lifetimeSeconds\":-1}"), 400, "never-expiring");
        assertRefused(call("POST", "/api/v1/tokens", kim, "{\"lifetimeSeconds\":2592001}"), 400,
                "maximum-lifetime");
        assertRefused(call("POST", "/api/v1/tokens", kim, "{\"scopes\":[\"write\"]}"), 403, "allowed-scopes");
        assertRefused(call("POST", "/api/v1/tokens", kim, "{}"), 409, "maximum-active-tokens");
        HttpResponse<String> trifacta = call("POST", "/v4/apiAccessTokens", kim,
                "{\"lifetimeSeconds\":-1,\"description\":\"ci\"}");
        assertThat(trifacta.statusCode()).isEqualTo(400);
        assertThat(trifacta.body()).contains("never-expiring").doesNotContain("urn:latchkey");
        Map<String, Object> listed = expect(call("GET", "/api/v1/admin/policies", admin, null), 200);
        assertThat(((Map<?, ?>) listed.get("organizations")).containsKey("Orange")).isTrue();
        assertThat(listed.get("defaultSource")).isEqualTo("configured");
        assertThat(expect(call("GET", "/api/v1/admin/audit?type=policy.changed", admin, null), 200).toString())
                .contains("scope=organization:Orange");

        assertThat(call("DELETE", "/api/v1/admin/policies/organizations/Orange", admin, null).statusCode())
                .isEqualTo(204);
        assertRefused(call("DELETE", "/api/v1/admin/policies/organizations/Orange", admin, null), 404,
                "No policy");
        expect(call("POST", "/api/v1/tokens", kim, "{\"lifetimeSeconds\":-1}"), 201);
    }

    @Test
    void badPoliciesAreProblemsAndOnlyAdministratorsManageThem() throws Exception {
        for (String bad : List.of("{}", "{\"maximumLifetimeSeconds\":-1}", "{\"maximumLifetimeSeconds\":0}",
                "{\"maximumLifetimeSeconds\":60,\"defaultLifetimeSeconds\":120}",
                "{\"maximumLifetimeSeconds\":60,\"neverExpiringRoles\":[\"root\"]}",
                "{\"maximumLifetimeSeconds\":60,\"maximumActiveTokens\":0}",
                "{\"maximumLifetimeSeconds\":60,\"allowedScopes\":[\"has space\"]}",
                "{\"maximumLifetimeSeconds\":\"60\"}", "{\"maximumLifetimeSeconds\":60,\"surprise\":1}")) {
            HttpResponse<String> refused = call("PUT", "/api/v1/admin/policies/default", admin, bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(bad).hasValue("application/problem+json");
        }
        assertThat(call("GET", "/api/v1/admin/policies", kim, null).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/v1/admin/policies/default", kim, STRICT).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/admin/policies/simulate", kim, "{\"policy\":" + STRICT + "}").statusCode())
                .isEqualTo(403);
    }

    private void assertRefused(HttpResponse<String> response, int status, String named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(named);
    }

    private Map<String, Object> expect(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.readValue(response.body(), Map.class);
        return body;
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node().url() + path))
                .header("Authorization", authorization);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
