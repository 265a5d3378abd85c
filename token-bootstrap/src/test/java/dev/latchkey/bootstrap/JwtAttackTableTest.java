package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.application.port.out.ServerKeyPort;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every JWT forgery in the table, presented to every endpoint family that accepts a credential, is refused; and the
 * genuine token, presented the same ways, is accepted, so that the table cannot pass by refusing everything. Many
 * forgeries are signed with the real server key: they test the checks beyond the signature (algorithm, type, issuer,
 * audience, times, the stored token behind the {@code jti}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAttackTableTest {

    private static final String ISSUER = "https://latchkey.test";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpClient http = HttpClient.newHttpClient();
    private LatchkeyNode node;
    private JsonMapper json;
    private String introspector;

    @BeforeAll
    void start() throws Exception {
        node = new LatchkeyNode(new InMemoryH2Database().start(),
                Map.of("latchkey.oauth.access-token-format", "jwt", "latchkey.issuer", ISSUER));
        json = node.context().getBean(JsonMapper.class);
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/tokens"))
                .header("Authorization", EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scopes\":[\"introspect\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        introspector = json.readValue(issued.body(), Map.class).get("token").toString();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    /** A freshly granted RFC 9068 access token. */
    private String genuine() throws Exception {
        String body = "grant_type=password&username=" + LatchkeyNode.ADMIN + "&password="
                + URLEncoder.encode(LatchkeyNode.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&scope=read";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return json.readValue(response.body(), Map.class).get("access_token").toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> part(String jwt, int index) throws Exception {
        return new LinkedHashMap<>(json.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), Map.class));
    }

    private String forge(String jwt, UnaryOperator<Map<String, Object>> header,
                         UnaryOperator<Map<String, Object>> claims, byte[] key) throws Exception {
        String signingInput = URL.encodeToString(json.writeValueAsBytes(header.apply(part(jwt, 0)))) + "."
                + URL.encodeToString(json.writeValueAsBytes(claims.apply(part(jwt, 1))));
        return signingInput + "." + (key == null ? "" : URL.encodeToString(hmac(key, signingInput)));
    }

    private static byte[] hmac(byte[] key, String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }

    private static UnaryOperator<Map<String, Object>> set(String name, Object value) {
        return map -> {
            map.put(name, value);
            return map;
        };
    }

    private record Forgery(String name, String token) {
    }

    private List<Forgery> forgeries() throws Exception {
        String jwt = genuine();
        byte[] key = node.context().getBean(ServerKeyPort.class).keyFor("jwt-hs256");
        byte[] attackerKey = "the attacker's own key, 32 bytes!".getBytes(StandardCharsets.US_ASCII);
        long now = Instant.now().getEpochSecond();
        UnaryOperator<Map<String, Object>> same = map -> map;
        List<Forgery> table = new ArrayList<>();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            table.add(new Forgery("alg " + none, forge(jwt, set("alg", none), same, null)));
        }
        table.add(new Forgery("RS256 header, HMAC signature by the server key",
                forge(jwt, set("alg", "RS256"), same, key)));
        table.add(new Forgery("HS512 header", forge(jwt, set("alg", "HS512"), same, key)));
        String[] parts = jwt.split("\\.");
        table.add(new Forgery("empty signature", parts[0] + "." + parts[1] + "."));
        table.add(new Forgery("stripped signature", parts[0] + "." + parts[1]));
        table.add(new Forgery("kid path traversal, signed with an empty-file key",
                forge(jwt, set("kid", "../../../../../../dev/null"), same, new byte[] {0})));
        table.add(new Forgery("kid SQL injection", forge(jwt, set("kid", "x' UNION SELECT 'k' --"), same,
                "k".getBytes(StandardCharsets.US_ASCII))));
        table.add(new Forgery("jku to the attacker's keys",
                forge(jwt, set("jku", "https://evil.example/jwks.json"), same, attackerKey)));
        table.add(new Forgery("x5u to the attacker's certificate",
                forge(jwt, set("x5u", "https://evil.example/cert.pem"), same, attackerKey)));
        table.add(new Forgery("embedded jwk of the attacker's key", forge(jwt, set("jwk", Map.of("kty", "oct",
                "k", URL.encodeToString(attackerKey))), same, attackerKey)));
        table.add(new Forgery("expired, signed by the server key", forge(jwt, same, set("exp", now - 60), key)));
        table.add(new Forgery("not yet valid, signed by the server key",
                forge(jwt, same, claims -> set("iat", now + 3600).apply(set("nbf", now + 3600).apply(claims)), key)));
        table.add(new Forgery("wrong iss", forge(jwt, same, set("iss", "https://evil.example"), key)));
        table.add(new Forgery("wrong aud", forge(jwt, same, set("aud", "https://evil.example"), key)));
        table.add(new Forgery("wrong typ", forge(jwt, set("typ", "id_token+jwt"), same, key)));
        table.add(new Forgery("widened scope, re-signed by the server key",
                forge(jwt, same, set("scope", "read introspect"), key)));
        String revoked = genuine();
        revoke(revoked);
        table.add(new Forgery("revoked jti (the genuine token, revoked)", revoked));
        return table;
    }

    private void revoke(String token) throws Exception {
        HttpResponse<String> response = form("/oauth2/revoke", "token=" + token);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> form(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Authorization", "Bearer " + introspector)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int get(String path, String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url() + path)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** How each endpoint family answers a credential: "accepted" or "refused". */
    private Map<String, String> answers(String token) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("native API, Bearer", get("/api/v1/tokens/self", "Authorization", "Bearer " + token) == 200
                ? "accepted" : "refused");
        answers.put("native API, JWT scheme", get("/api/v1/tokens/self", "Authorization", "JWT " + token) == 200
                ? "accepted" : "refused");
        answers.put("native API, user-token header", get("/api/v1/tokens/self", "user-token", token) == 200
                ? "accepted" : "refused");
        answers.put("introspection", json.readValue(form("/oauth2/introspect",
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).body(), Map.class).get("active")
                .equals(true) ? "accepted" : "refused");
        answers.put("Datasentinel token info", get("/ds-api/user-token?token=" + URLEncoder.encode(token,
                StandardCharsets.UTF_8), "Authorization", EndToEndScenario.basic(LatchkeyNode.ADMIN,
                LatchkeyNode.ADMIN_PASSWORD)) == 200 ? "accepted" : "refused");
        return answers;
    }

    @Test
    void everyForgeryIsRefusedByEveryEndpointFamily() throws Exception {
        String control = genuine();
        assertThat(answers(control).values()).as("the genuine token, so that refusing everything cannot pass")
                .containsOnly("accepted");

        for (Forgery forgery : forgeries()) {
            assertThat(answers(forgery.token())).as(forgery.name()).allSatisfy((family, answer) ->
                    assertThat(answer).as(forgery.name() + " at " + family).isEqualTo("refused"));
            // Revocation is answered 200 whatever it is given (RFC 7009); a forgery must revoke nothing.
            assertThat(form("/oauth2/revoke", "token=" + forgery.token()).statusCode()).isEqualTo(200);
        }
        assertThat(answers(control).values()).as("no forgery revoked the genuine token").containsOnly("accepted");
    }
}
