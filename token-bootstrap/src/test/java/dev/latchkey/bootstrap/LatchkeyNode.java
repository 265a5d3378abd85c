package dev.latchkey.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One running Latchkey service in this JVM, on a random port, and the few calls the multi-node tests make. */
public final class LatchkeyNode implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    private static final int UNLIMITED_ISSUANCE = 100_000_000;
    private static final Pattern FIELD = Pattern.compile("\"(token|tokenId)\":\"([^\"]+)\"");

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public LatchkeyNode(Map<String, Object> datasource, Map<String, Object> settings) {
        this(datasource, settings, new Object[0]);
    }

    /** A node given beans of the test's own, such as a clock it moves, over the service's. */
    public LatchkeyNode(Map<String, Object> datasource, Map<String, Object> settings, Object... singletons) {
        Map<String, Object> properties = new HashMap<>(datasource);
        // Load and race tests drive one account far faster, and to far more active tokens, than a real account may
        // go; the tests of the allowance and the ceiling set them in their settings, which come after.
        properties.put("latchkey.issuance.per-account.tokens-per-minute", UNLIMITED_ISSUANCE);
        properties.put("latchkey.issuance.per-account.tokens-per-hour", 2 * UNLIMITED_ISSUANCE);
        properties.put("latchkey.issuance.maximum-active-tokens-per-account", UNLIMITED_ISSUANCE);
        properties.putAll(settings);
        properties.put("micronaut.server.port", -1);
        properties.put(BootstrapAdministrator.USERNAME_PROPERTY, ADMIN);
        properties.put(BootstrapAdministrator.PASSWORD_PROPERTY, ADMIN_PASSWORD);
        server = ApplicationContext.builder().properties(properties).singletons(singletons).start()
                .getBean(EmbeddedServer.class).start();
    }

    public String url() {
        return server.getURL().toString();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Issues a token with the administrator's password; returns {token, tokenId}. */
    String[] issue() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/tokens", EndToEndScenario.basic(ADMIN, ADMIN_PASSWORD));
        if (response.statusCode() != 201) {
            throw new AssertionError("issue failed: " + response.statusCode() + " " + response.body());
        }
        String[] tokenAndId = new String[2];
        Matcher matcher = FIELD.matcher(response.body());
        while (matcher.find()) {
            tokenAndId[matcher.group(1).equals("token") ? 0 : 1] = matcher.group(2);
        }
        return tokenAndId;
    }

    int use(String token) throws Exception {
        return send("GET", "/api/v1/tokens/self", EndToEndScenario.bearer(token)).statusCode();
    }

    int revoke(String tokenId) throws Exception {
        return send("DELETE", "/api/v1/tokens/" + tokenId, EndToEndScenario.basic(ADMIN, ADMIN_PASSWORD)).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        if (server.getApplicationContext().isRunning()) {
            server.getApplicationContext().close();
        }
    }
}
