package dev.latchkey.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request to a running node, as the tests through the real server make them. */
final class HttpCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpCalls() {
    }

    static HttpResponse<String> send(LatchkeyNode node, String method, String path, Map<String, String> headers,
                                     String body) throws Exception {
        return send(node.url(), method, path, headers, body);
    }

    static HttpResponse<String> send(String baseUrl, String method, String path, Map<String, String> headers,
                                     String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code Authorization} and {@code Content-Type} headers, each left out when null. */
    static Map<String, String> headers(String authorization, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }
}
