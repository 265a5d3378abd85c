package dev.latchkey.bootstrap.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.bootstrap.LatchkeyNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each dialect switched off in turn: its own ways of presenting a token stop working, everyone else's go on, and
 * Bearer, the native form, always works.
 */
class DialectCredentialSwitchTest {

    private static final Pattern FIELD = Pattern.compile("\"(token|tokenId)\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0} switched off")
    @ValueSource(strings = {"none", "mastersindia", "sirdata", "datasentinel", "trifacta"})
    void aSwitchedOffDialectsCredentialFormsAreRefused(String off) throws Exception {
        InMemoryH2Database database = new InMemoryH2Database();
        Map<String, Object> settings = off.equals("none") ? Map.of()
                : Map.of("latchkey.dialects." + off + ".enabled", false);
        try (database; LatchkeyNode node = new LatchkeyNode(database.start(), settings)) {
            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/tokens"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (LatchkeyNode.ADMIN + ":" + LatchkeyNode.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            Matcher fields = FIELD.matcher(issued.body());
            Map<String, String> token = new java.util.HashMap<>();
            while (fields.find()) {
                token.put(fields.group(1), fields.group(2));
            }
            String secret = token.get("token");
            String trifactaValue = Base64.getEncoder().encodeToString(("{\"tokenId\":\"" + token.get("tokenId")
                    + "\",\"secret\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8));

            assertThat(self(node, "Authorization", "Bearer " + secret)).isEqualTo(200);
            assertThat(self(node, "Authorization", "JWT " + secret)).isEqualTo(off.equals("mastersindia") ? 401 : 200);
            assertThat(self(node, "Authorization", secret)).isEqualTo(off.equals("sirdata") ? 401 : 200);
            assertThat(self(node, "user-token", secret)).isEqualTo(off.equals("datasentinel") ? 401 : 200);
            assertThat(self(node, "Authorization", "Bearer " + trifactaValue))
                    .isEqualTo(off.equals("trifacta") ? 401 : 200);
        }
    }

    private int self(LatchkeyNode node, String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/tokens/self"))
                .header(header, value).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
