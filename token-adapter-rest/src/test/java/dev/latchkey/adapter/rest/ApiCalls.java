package dev.latchkey.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Requests to the module's real Netty server, and the checks every API test makes of a problem answer. */
public final class ApiCalls {

    private final EmbeddedServer server;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiCalls(EmbeddedServer server, JsonMapper json) {
        this.server = server;
        this.json = json;
    }

    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(String method, String path, String authorization, String contentType,
                                     String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> bodyOf(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Map.class);
    }

    /** An RFC 9457 problem of this status and Latchkey type; answers its members. */
    public Map<String, Object> assertProblem(HttpResponse<String> response, int status, String type)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        Map<String, Object> problem = bodyOf(response);
        assertThat(problem).containsEntry("status", status).containsEntry("type", "urn:latchkey:problem:" + type)
                .containsKey("title");
        return problem;
    }
}
