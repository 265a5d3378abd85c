package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole service, wired as in production, through the real Netty server and a real database: what a client of
 * the native API experiences from the first token to its revocation.
 */
abstract class EndToEndScenario extends ServiceOnTestDatabase {

    static final String ADMIN = LatchkeyNode.ADMIN;
    static final String ADMIN_PASSWORD = LatchkeyNode.ADMIN_PASSWORD;

    private final HttpClient http = HttpClient.newHttpClient();

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    HttpResponse<String> send(String method, String path, String authorization, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node().url() + path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> body(HttpResponse<String> response) throws IOException {
        return node().context().getBean(JsonMapper.class).readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> issue(String authorization, String jsonBody) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/tokens", authorization, jsonBody);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> infoOf(Map<String, Object> issued) {
        return (Map<String, Object>) issued.get("tokenInfo");
    }

    /** Creates a user account through the admin API and returns its username. */
    String newAccount(String password) throws Exception {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/v1/admin/accounts", basic(ADMIN, ADMIN_PASSWORD),
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    @Test
    void administratorsManageAccountsAndPartners() throws Exception {
        HttpResponse<String> partner = send("POST", "/api/v1/admin/partners", basic(ADMIN, ADMIN_PASSWORD),
                "{\"id\":" + (100_000 + new java.util.Random().nextInt(900_000)) + ",\"name\":\"Acme\"}");
        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(201);
        Object partnerId = body(partner).get("id");
        assertThat(body(partner)).containsEntry("agreementsSigned", false);

        String username = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/v1/admin/accounts", basic(ADMIN, ADMIN_PASSWORD),
                "{\"username\":\"" + username + "\",\"password\":\"carol's long password\",\"email\":"
                        + "\"carol@example.com\",\"organization\":\"Main Org.\",\"role\":\"user\","
                        + "\"partnerId\":" + partnerId + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(body(created)).containsEntry("email", "carol@example.com").containsEntry("partnerId", partnerId)
                .containsEntry("role", "user").containsEntry("enabled", true).doesNotContainKeys("password");
        assertThat(created.body()).doesNotContain("carol's long password").doesNotContain("argon2");

        assertThat(send("GET", "/api/v1/admin/accounts/" + username, basic(ADMIN, ADMIN_PASSWORD), null)
                .statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/admin/accounts/" + username, basic(username, "carol's long password"), null)
                .statusCode()).as("not an administrator").isEqualTo(403);
        assertThat(send("POST", "/api/v1/admin/accounts", basic(ADMIN, ADMIN_PASSWORD),
                "{\"username\":\"" + username + "\",\"password\":\"another long password\"}").statusCode())
                .isEqualTo(409);
        assertThat(send("POST", "/api/v1/admin/accounts", basic(ADMIN, ADMIN_PASSWORD),
                "{\"username\":\"dave\",\"password\":\"another long password\",\"partnerId\":1}")
                .statusCode()).isEqualTo(422);

        HttpResponse<String> disabled = send("PATCH", "/api/v1/admin/accounts/" + username,
                basic(ADMIN, ADMIN_PASSWORD), "{\"enabled\":false}");
        assertThat(body(disabled)).containsEntry("enabled", false);
        assertThat(send("GET", "/api/v1/tokens", basic(username, "carol's long password"), null).statusCode())
                .isEqualTo(401);

        HttpResponse<String> signed = send("PATCH", "/api/v1/admin/partners/" + partnerId,
                basic(ADMIN, ADMIN_PASSWORD), "{\"agreementsSigned\":true}");
        assertThat(body(signed)).containsEntry("agreementsSigned", true);
        assertThat(send("PATCH", "/api/v1/admin/partners/999999999", basic(ADMIN, ADMIN_PASSWORD),
                "{\"agreementsSigned\":true}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/admin/accounts/" + username, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTokenIsIssuedUsedListedRevokedAndThenRefused() throws Exception {
        Map<String, Object> issued = issue(basic(ADMIN, ADMIN_PASSWORD),
                "{\"description\":\"deploy bot\",\"lifetimeSeconds\":3600,\"scopes\":[\"deploy\"]}");
        String token = (String) issued.get("token");
        String tokenId = (String) infoOf(issued).get("tokenId");
        assertThat(token).startsWith("lk_");
        assertThat(infoOf(issued)).containsEntry("lastUsedAt", null);

        HttpResponse<String> self = send("GET", "/api/v1/tokens/self", bearer(token), null);
        assertThat(self.statusCode()).isEqualTo(200);
        assertThat(self.headers().firstValue("Latchkey-Token-Expires")).as("the client is told when its token expires")
                .contains((String) infoOf(issued).get("expiresAt"));
        assertThat(body(self)).containsEntry("tokenId", tokenId).containsEntry("description", "deploy bot");
        assertThat(body(self).get("lastUsedAt")).as("using a token records the use").isNotNull();

        HttpResponse<String> list = send("GET", "/api/v1/tokens?size=100", basic(ADMIN, ADMIN_PASSWORD), null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) body(list).get("data"))
                .anySatisfy(info -> assertThat(info).containsEntry("tokenId", tokenId));
        assertThat(list.body()).doesNotContain(token);

        assertThat(send("DELETE", "/api/v1/tokens/" + tokenId, basic(ADMIN, ADMIN_PASSWORD), null).statusCode())
                .isEqualTo(204);

        HttpResponse<String> refused = send("GET", "/api/v1/tokens/self", bearer(token), null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("WWW-Authenticate"))
                .anySatisfy(challenge -> assertThat(challenge).contains("invalid_token"));

        HttpResponse<String> revokedInfo = send("GET", "/api/v1/tokens/" + tokenId, basic(ADMIN, ADMIN_PASSWORD), null);
        assertThat(body(revokedInfo)).containsEntry("status", "revoked");
        assertThat(body(revokedInfo).get("revokedAt")).isNotNull();
    }

    @Test
    void aTokenCanIssueAShorterLivedTokenButNotAPermanentOne() throws Exception {
        String parent = (String) issue(basic(ADMIN, ADMIN_PASSWORD), "{\"lifetimeSeconds\":600}").get("token");

        assertThat(send("POST", "/api/v1/tokens", bearer(parent), "{\"lifetimeSeconds\":60}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> permanent = send("POST", "/api/v1/tokens", bearer(parent), "{\"lifetimeSeconds\":-1}");
        assertThat(permanent.statusCode()).isEqualTo(403);
        assertThat(body(permanent)).containsEntry("type", "urn:latchkey:problem:delegation-not-allowed");
    }

    @Test
    void neverExpiringTokensHaveANullExpiryAndNoExpiryHeader() throws Exception {
        Map<String, Object> issued = issue(basic(ADMIN, ADMIN_PASSWORD), "{\"lifetimeSeconds\":-1}");
        assertThat(infoOf(issued)).containsEntry("expiresAt", null);
        assertThat(send("GET", "/api/v1/tokens/self", bearer((String) issued.get("token")), null).headers()
                .firstValue("Latchkey-Token-Expires")).isEmpty();
    }

    @Test
    void anotherAccountsTokenIsNotFoundAndStaysValid() throws Exception {
        String other = newAccount("other account password");
        Map<String, Object> issued = issue(basic(other, "other account password"), "{}");
        String tokenId = (String) infoOf(issued).get("tokenId");

        assertThat(send("GET", "/api/v1/tokens/" + tokenId, basic(ADMIN, ADMIN_PASSWORD), null).statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/tokens/" + tokenId, basic(ADMIN, ADMIN_PASSWORD), null).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/tokens/self", bearer((String) issued.get("token")), null).statusCode())
                .isEqualTo(200);
    }

    HttpResponse<String> rotate(String tokenId, String idempotencyKey, String jsonBody) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node().url() + "/api/v1/tokens/" + tokenId
                        + "/rotate"))
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rotationWithOverlapKeepsTheOldTokenWorkingAndARetryGetsTheSameReplacement() throws Exception {
        Map<String, Object> original = issue(basic(ADMIN, ADMIN_PASSWORD),
                "{\"description\":\"fleet\",\"lifetimeSeconds\":7200,\"scopes\":[\"deploy\"]}");
        String oldId = (String) infoOf(original).get("tokenId");
        String key = "rotate-" + UUID.randomUUID();

        HttpResponse<String> first = rotate(oldId, key, "{\"overlapSeconds\":300}");
        HttpResponse<String> retry = rotate(oldId, key, "{\"overlapSeconds\":300}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(body(retry).get("token")).isEqualTo(body(first).get("token"));
        Map<String, Object> replacement = infoOf(body(first));
        assertThat(replacement).containsEntry("description", "fleet").containsEntry("scopes", List.of("deploy"));
        assertThat(send("GET", "/api/v1/tokens/self", bearer((String) original.get("token")), null).statusCode())
                .as("the old token works during the overlap").isEqualTo(200);
        assertThat(send("GET", "/api/v1/tokens/self", bearer((String) body(first).get("token")), null).statusCode())
                .isEqualTo(200);
        assertThat(rotate((String) infoOf(issue(basic(ADMIN, ADMIN_PASSWORD), "{}")).get("tokenId"), key, "{}")
                .statusCode()).as("the key belongs to the first rotation").isEqualTo(422);
        assertThat(rotate(oldId, null, "{}").statusCode()).as("a token is rotated once").isEqualTo(409);
    }

    @Test
    void rotationWithoutOverlapStopsTheOldTokenAtOnceAndRevokedTokensAreNotRotated() throws Exception {
        Map<String, Object> original = issue(basic(ADMIN, ADMIN_PASSWORD), "{}");
        String oldId = (String) infoOf(original).get("tokenId");

        HttpResponse<String> rotated = rotate(oldId, null, "{}");

        assertThat(rotated.statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/v1/tokens/self", bearer((String) original.get("token")), null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> again = rotate(oldId, null, "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(body(again)).containsEntry("type", "urn:latchkey:problem:token-not-rotatable");
        assertThat(rotate(oldId, null, "{\"overlapSeconds\":-1}").statusCode()).isEqualTo(400);
    }

    @Test
    void aLifetimeAboveTheConfiguredMaximumIsRefused() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/tokens", basic(ADMIN, ADMIN_PASSWORD),
                "{\"lifetimeSeconds\":" + (366L * 86_400) + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response)).containsEntry("type", "urn:latchkey:problem:lifetime-not-allowed");
    }

    @Test
    void wrongPasswordsAndForgedTokensAreRefused() throws Exception {
        assertThat(send("GET", "/api/v1/tokens", basic(ADMIN, "wrong password"), null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/tokens", bearer("lk_" + "a".repeat(49)), null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/tokens", bearer(dev.latchkey.domain.TokenSecret.fromRandomBytes(
                new byte[32]).reveal()), null).statusCode()).isEqualTo(401);
    }

    /** Issue 9, hole 1: rotation is held to the delegation rule of issuance by token (ADR 5). */
    @Test
    void aNarrowShortLivedTokenCannotRotateItsWayToAPowerfulOneOrLiveForEver() throws Exception {
        String alice = newAccount("alice-password-123");
        String password = basic(alice, "alice-password-123");
        Map<String, Object> powerful = issue(password,
                "{\"description\":\"prod\",\"lifetimeSeconds\":-1,\"scopes\":[\"deploy:prod\",\"admin:billing\"]}");
        Map<String, Object> readOnly = issue(password,
                "{\"description\":\"reader\",\"lifetimeSeconds\":120,\"scopes\":[\"read\"]}");
        String readOnlyToken = bearer((String) readOnly.get("token"));

        HttpResponse<String> escalation = send("POST", "/api/v1/tokens/" + infoOf(powerful).get("tokenId")
                + "/rotate", readOnlyToken, "{\"overlapSeconds\":2592000}");
        assertThat(escalation.statusCode()).as(escalation.body()).isEqualTo(403);
        assertThat(escalation.body()).doesNotContain("\"token\"");

        HttpResponse<String> selfRotation = send("POST", "/api/v1/tokens/" + infoOf(readOnly).get("tokenId")
                + "/rotate", readOnlyToken, "{\"overlapSeconds\":0}");
        assertThat(selfRotation.statusCode()).as(selfRotation.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> replacement = (Map<String, Object>) body(selfRotation).get("tokenInfo");
        assertThat(replacement.get("expiresAt")).as("no fresh lifetime").isEqualTo(infoOf(readOnly).get("expiresAt"));
    }
}
