package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lenient input, tried as a new user would through the real server: wrong types, duplicate keys, trailing data,
 * unknown fields, empty and undeclared bodies are refused with a 400 (or 415) that names the field, on the native API
 * and in each dialect's own shape; no answer quotes the input or names a class; nothing stored changes.
 */
class StrictInputTest extends ServiceOnTestDatabase {

    private static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return HttpCalls.send(node(), method, path, HttpCalls.headers(ADMIN, contentType), body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return node().context().getBean(JsonMapper.class).readValue(response.body(), Map.class);
    }

    private static void assertRevealsNothing(HttpResponse<String> response, String input) {
        assertThat(response.body()).doesNotContain("java.", "BigDecimal", "Failed to convert", "Jackson",
                "Exception", "hunter2");
        if (input != null && input.length() > 3) {
            assertThat(response.body()).doesNotContain(input);
        }
    }

    @ParameterizedTest(name = "POST /api/v1/tokens {0}")
    @CsvSource(delimiter = '|', value = {
        "{\"lifetimeSeconds\":true}                           | lifetimeSeconds",
        "{\"lifetimeSeconds\":\"60\"}                         | lifetimeSeconds",
        "{\"description\":42}                                 | description",
        "{\"scopes\":\"read\"}                                | scopes",
        "{\"lifetimeSeconds\":60,\"lifetimeSeconds\":-1}      | lifetimeSeconds",
        "{\"lifetimeSecs\":60}                                | lifetimeSecs",
    })
    void aWrongFieldIsA400ProblemNamingIt(String body, String field) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/tokens", "application/json", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((List<?>) json(response).get("errors")).singleElement()
                .satisfies(error -> assertThat(((Map<?, ?>) error).get("field")).isEqualTo(field));
        assertRevealsNothing(response, null);
    }

    @ParameterizedTest(name = "POST /api/v1/tokens [{0}] as {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "{\"lifetimeSeconds\":60} trailing-hunter2 | application/json | 400",
        "{\"lifetimeSeconds\":60}{}                | application/json | 400",
        "''                                       | application/json | 400",
        "[]                                       | application/json | 400",
        "{\"description\":\"hunter2               | application/json | 400",
        "{\"lifetimeSeconds\":60}                  | none             | 415",
        "{\"lifetimeSeconds\":60}                  | text/plain       | 415",
    })
    void aBodyThatIsNotOneDeclaredJsonObjectIsRefused(String body, String contentType, int status)
            throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/tokens", contentType, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertRevealsNothing(response, body);
    }

    @Test
    void aStringForABooleanNeitherDisablesNorChangesTheAccount() throws Exception {
        assertThat(send("POST", "/api/v1/admin/accounts", "application/json",
                "{\"username\":\"bob\",\"password\":\"bob's long password\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> yes = send("PATCH", "/api/v1/admin/accounts/bob", "application/json",
                "{\"enabled\":\"yes\"}");
        HttpResponse<String> numericPassword = send("PATCH", "/api/v1/admin/accounts/bob", "application/json",
                "{\"password\":123456789012}");

        assertThat(yes.statusCode()).isEqualTo(400);
        assertThat(yes.body()).contains("\"field\":\"enabled\"");
        assertThat(numericPassword.statusCode()).isEqualTo(400);
        assertThat(numericPassword.body()).contains("\"field\":\"password\"").doesNotContain("123456789012");
        assertThat(json(send("GET", "/api/v1/admin/accounts/bob", null, null))).containsEntry("enabled", true);
    }

    @Test
    void withNoBodyAtAllTheIssuanceDefaultsApply() throws Exception {
        assertThat(send("POST", "/api/v1/tokens", null, null).statusCode()).isEqualTo(201);
    }

    @Test
    void theDialectsRefuseLenientBodiesInTheirOwnShapes() throws Exception {
        HttpResponse<String> trifacta = send("POST", "/v4/apiAccessTokens", "application/json",
                "{\"lifetimeSeconds\":true,\"description\":\"x\"}");
        assertThat(trifacta.statusCode()).isEqualTo(400);
        assertThat(trifacta.body()).contains("lifetimeSeconds").doesNotContain("urn:latchkey");

        HttpResponse<String> trifactaDuplicate = send("POST", "/v4/apiAccessTokens", "application/json",
                "{\"lifetimeSeconds\":60,\"lifetimeSeconds\":-1}");
        assertThat(trifactaDuplicate.statusCode()).isEqualTo(400);

        HttpResponse<String> sirdata = send("POST", "/api/v1/public/auth/partner/1/token", "application/json",
                "{\"login\":\"a\",\"login\":\"b\",\"password\":\"hunter2\"}");
        assertThat(sirdata.statusCode()).isEqualTo(400);
        assertThat(json(sirdata)).containsOnlyKeys("message");
        assertRevealsNothing(sirdata, null);

        HttpResponse<String> mastersIndia = send("POST", "/api/v1/token-auth/", "application/json",
                "{\"username\":42,\"password\":\"hunter2\"}");
        assertThat(mastersIndia.statusCode()).isEqualTo(400);
        assertThat(json(mastersIndia)).containsOnlyKeys("username");

        HttpResponse<String> mastersIndiaTrailing = send("POST", "/api/v1/token-auth/", "application/json",
                "{\"username\":\"u\",\"password\":\"hunter2\"} junk");
        assertThat(mastersIndiaTrailing.statusCode()).isEqualTo(400);
        assertThat(json(mastersIndiaTrailing)).containsOnlyKeys("detail");
        assertRevealsNothing(mastersIndiaTrailing, null);

        HttpResponse<String> sampleToken = send("POST", "/Token", "application/x-www-form-urlencoded",
                "grant_type=password&username=a&username=b&password=hunter2");
        assertThat(sampleToken.statusCode()).isEqualTo(400);
        assertThat(json(sampleToken)).containsEntry("error", "invalid_request");
        assertRevealsNothing(sampleToken, null);
    }
}
