package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default H2 file store keeps tokens and accounts across a restart, and the bootstrap runs only once. */
class RestartTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static EmbeddedServer start(Path dataDirectory, String bootstrapPassword) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "datasources.default.url", "jdbc:h2:file:" + dataDirectory.resolve("data/latchkey")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                BootstrapAdministrator.USERNAME_PROPERTY, "admin",
                BootstrapAdministrator.PASSWORD_PROPERTY, bootstrapPassword));
    }

    private HttpResponse<String> send(EmbeddedServer server, String method, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/tokens"
                        + (method.equals("GET") ? "/self" : "")))
                .header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokensAndAccountsSurviveARestart(@TempDir Path data) throws Exception {
        String token;
        try (EmbeddedServer first = start(data, "first start password")) {
            HttpResponse<String> issued = send(first, "POST", EndToEndScenario.basic("admin", "first start password"));
            assertThat(issued.statusCode()).isEqualTo(201);
            Matcher secret = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(issued.body());
            assertThat(secret.find()).isTrue();
            token = secret.group(1);
        }

        try (EmbeddedServer second = start(data, "a different password now")) {
            assertThat(send(second, "GET", EndToEndScenario.bearer(token)).statusCode()).isEqualTo(200);
            assertThat(send(second, "POST", EndToEndScenario.basic("admin", "first start password")).statusCode())
                    .as("the first administrator is kept; the bootstrap settings are ignored once accounts exist")
                    .isEqualTo(201);
            assertThat(send(second, "POST", EndToEndScenario.basic("admin", "a different password now")).statusCode())
                    .isEqualTo(401);
        }
    }
}
