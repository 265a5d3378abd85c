package dev.latchkey.bootstrap.dialect;

import dev.latchkey.bootstrap.LatchkeyNode;
import dev.latchkey.bootstrap.ServiceOnTestDatabase;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every dialect contract test needs: the whole service on a real database, an administrator, raw HTTP, and the
 * native and standard endpoints to check that a dialect's tokens are ordinary Latchkey tokens.
 */
public abstract class DialectContract extends ServiceOnTestDatabase {

    protected static final String ADMIN = LatchkeyNode.ADMIN;
    protected static final String ADMIN_PASSWORD = LatchkeyNode.ADMIN_PASSWORD;

    private final HttpClient http = HttpClient.newHttpClient();
    protected JsonMapper json;

    @BeforeAll
    void jsonMapper() {
        json = node().context().getBean(JsonMapper.class);
    }

    protected String url() {
        return node().url();
    }

    protected static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> body(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Map.class);
    }

    /** The RFC 7662 view of a token, asked with the administrator's password-free way: a registered client. */
    protected Map<String, Object> introspect(String token) throws Exception {
        Map<String, Object> client = body(send("POST", "/api/v1/clients", Map.of("Authorization",
                basic(ADMIN, ADMIN_PASSWORD), "Content-Type", "application/json"), "{\"name\":\"contract\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}"));
        return body(send("POST", "/oauth2/introspect", Map.of(
                "Authorization", basic((String) client.get("clientId"), (String) client.get("clientSecret")),
                "Content-Type", "application/x-www-form-urlencoded"),
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    /** Whether the native API accepts the token as a bearer credential. */
    protected int useNatively(String token) throws Exception {
        return send("GET", "/api/v1/tokens/self", Map.of("Authorization", "Bearer " + token), null).statusCode();
    }

    protected HttpResponse<String> createAccount(String jsonBody) throws Exception {
        return send("POST", "/api/v1/admin/accounts", Map.of("Authorization", basic(ADMIN, ADMIN_PASSWORD),
                "Content-Type", "application/json"), jsonBody);
    }
}
