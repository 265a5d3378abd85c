package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.Appender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.adapter.persistence.InMemoryH2Database;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A full scenario that issues every kind of token Latchkey makes (personal, rotated, OAuth access and refresh, JWT,
 * and each platform's), uses and revokes them, and fails in the ways users and attackers make it fail, with every
 * logger at DEBUG: no log line, exception message or stack trace may contain a secret or a password seen on the wire.
 */
class NoSecretInLogsTest {

    private static final Pattern SECRET_FIELDS = Pattern.compile(
            "\"(token|user-token|access_token|refresh_token|refresh token|tokenValue|clientSecret)\":\"([^\"]+)\"");
    private static final String PASSWORD = "a password that must not leak";

    private final List<String> secrets = new ArrayList<>(List.of(LatchkeyNode.ADMIN_PASSWORD, PASSWORD,
            "wrong-password-that-must-not-leak"));
    private LatchkeyNode node;

    @Test
    void noSecretReachesAnyLogLine() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level configured = root.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        // Every line is captured and checked here; the console keeps only what a passing build should print.
        List<Appender<ILoggingEvent>> console = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(console::add);
        console.forEach(root::detachAppender);
        root.addAppender(lines);
        root.setLevel(Level.DEBUG);
        try (InMemoryH2Database database = new InMemoryH2Database()) {
            node = new LatchkeyNode(database.start(), Map.of("latchkey.oauth.access-token-format", "jwt",
                    "latchkey.issuer", "https://latchkey.test"));
            try {
                scenario();
            } finally {
                node.close();
            }
        } finally {
            root.detachAppender(lines);
            root.setLevel(configured);
            console.forEach(root::addAppender);
        }

        assertThat(secrets).hasSizeGreaterThan(12);
        assertThat(lines.list).isNotEmpty();
        for (ILoggingEvent line : lines.list) {
            String text = line.getFormattedMessage()
                    + (line.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(line.getThrowableProxy()));
            for (String secret : secrets) {
                assertThat(text).as("%s logged by %s", line.getLevel(), line.getLoggerName())
                        .doesNotContain(secret);
            }
        }
    }

    private void scenario() throws Exception {
        String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
        send("POST", "/api/v1/admin/partners", admin, "application/json",
                "{\"id\":7,\"name\":\"Partner\",\"agreementsSigned\":true}");
        send("POST", "/api/v1/admin/accounts", admin, "application/json",
                "{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\",\"partnerId\":7}");
        String carol = EndToEndScenario.basic("carol", PASSWORD);

        String personal = send("POST", "/api/v1/tokens", carol, "application/json",
                "{\"lifetimeSeconds\":600,\"scopes\":[\"read\"]}").get("token");
        String personalId = send("GET", "/api/v1/tokens/self", "Bearer " + personal, null, null).get("tokenId");
        send("POST", "/api/v1/tokens/" + personalId + "/rotate", carol, "application/json", "{\"overlapSeconds\":5}");
        Map<String, String> client = send("POST", "/api/v1/clients", admin, "application/json",
                "{\"name\":\"gateway\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}");
        String clientBasic = EndToEndScenario.basic(client.get("clientId"), client.get("clientSecret"));
        Map<String, String> pair = send("POST", "/oauth2/token", clientBasic, "application/x-www-form-urlencoded",
                "grant_type=password&username=carol&password=" + PASSWORD.replace(" ", "+"));
        send("POST", "/oauth2/token", clientBasic, "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token=" + pair.get("refresh_token"));
        send("POST", "/oauth2/introspect", clientBasic, "application/x-www-form-urlencoded",
                "token=" + pair.get("access_token"));
        send("POST", "/ds-api/user-token", carol, null, null);
        send("POST", "/Token", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=carol&password=" + PASSWORD.replace(" ", "+"));
        send("POST", "/v4/apiAccessTokens", carol, "application/json", "{\"lifetimeSeconds\":60,\"description\":\"d\"}");
        send("POST", "/api/v1/public/auth/partner/7/token", null, "application/json",
                "{\"login\":\"carol\",\"password\":\"" + PASSWORD + "\"}");
        Map<String, String> masters = send("POST", "/api/v1/token-auth/", null, "application/json",
                "{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\"}");
        send("POST", "/api/v2/api-token-refresh/", null, "application/json",
                "{\"token\":\"" + masters.get("refresh token") + "\"}");
        send("POST", "/oauth2/revoke", clientBasic, "application/x-www-form-urlencoded",
                "token=" + pair.get("access_token"));
        send("DELETE", "/api/v1/tokens/" + personalId, carol, null, null);

        // Failures: wrong password, a revoked token, malformed bodies quoting secrets, a secret in the wrong place.
        send("GET", "/api/v1/tokens", EndToEndScenario.basic("carol", "wrong-password-that-must-not-leak"), null, null);
        send("GET", "/api/v1/tokens/self", "Bearer " + personal, null, null);
        send("POST", "/api/v1/tokens", carol, "application/json", "{\"description\":\"" + personal + "\"");
        send("POST", "/api/v1/tokens", carol, "application/json", "{\"scopes\":\"" + PASSWORD + "\"}");
        send("POST", "/api/v1/admin/accounts", admin, "application/json",
                "{\"username\":\"" + personal + "\",\"password\":\"" + PASSWORD + "\"}");
        send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token=" + pair.get("refresh_token"));
    }

    /** Sends, remembers every secret the response carries, and returns the response's top-level string fields. */
    @SuppressWarnings("unchecked")
    private Map<String, String> send(String method, String path, String authorization, String type, String body)
            throws Exception {
        HttpResponse<String> response = HttpCalls.send(node, method, path, HttpCalls.headers(authorization, type),
                body);
        Matcher secret = SECRET_FIELDS.matcher(response.body());
        while (secret.find()) {
            secrets.add(secret.group(2));
        }
        Map<String, String> fields = new java.util.HashMap<>();
        if (response.body().startsWith("{")) {
            Map<String, Object> parsed = node.context().getBean(JsonMapper.class).readValue(response.body(), Map.class);
            parsed.forEach((name, value) -> {
                if (value instanceof String text) {
                    fields.put(name, text);
                }
            });
        }
        return fields;
    }
}
