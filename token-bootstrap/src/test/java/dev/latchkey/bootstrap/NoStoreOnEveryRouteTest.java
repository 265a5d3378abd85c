package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every route that can answer with a secret, found in the OpenAPI document by the fields its responses carry, sends
 * {@code Cache-Control: no-store} under every spelling the router might accept: as documented, with a trailing slash
 * added or removed, and in another case. The hole this closes: {@code POST /Token/} answered a secret that
 * {@code /Token} sent with {@code no-store}, because the header was set for a list of paths.
 */
class NoStoreOnEveryRouteTest extends ServiceOnTestDatabase {

    /** Response fields that hold a secret on some surface: tokens of every dialect, and client secrets. */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)^(token|access_token|refresh_token|access|refresh|tokenValue|user-token|clientSecret|client_secret|secret)$");
    private static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Test
    void everySecretBearingRouteIsNeverCacheableUnderAnySpelling() throws Exception {
        Set<String> operations = secretBearingOperations();
        assertThat(operations).as("the document names the routes that answer secrets")
                .contains("POST /api/v1/tokens", "POST /oauth2/token", "POST /Token", "POST /v4/apiAccessTokens",
                        "POST /api/v1/token-auth", "POST /ds-api/user-token");

        List<String> cacheable = new ArrayList<>();
        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1)
                    .replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
            for (String spelling : spellings(path)) {
                HttpResponse<String> response = HttpCalls.send(node(), method, spelling,
                        HttpCalls.headers(ADMIN, "application/json"), "{}");
                if (!response.headers().firstValue("Cache-Control").equals(java.util.Optional.of("no-store"))
                        || !response.headers().firstValue("Pragma").equals(java.util.Optional.of("no-cache"))) {
                    cacheable.add(method + " " + spelling + " -> " + response.statusCode());
                }
            }
        }
        assertThat(cacheable).as("responses a cache could keep").isEmpty();
    }

    private static List<String> spellings(String path) {
        String toggled = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
        String otherCase = path.equals(path.toLowerCase(Locale.ROOT)) ? path.toUpperCase(Locale.ROOT)
                : path.toLowerCase(Locale.ROOT);
        return List.of(path, toggled, otherCase);
    }

    @SuppressWarnings("unchecked")
    private Set<String> secretBearingOperations() throws Exception {
        String yaml = HttpCalls.send(node(), "GET", "/openapi.yml", Map.of(), null).body();
        Map<String, Object> document = new Yaml().load(yaml);
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas");
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
        Set<String> found = new TreeSet<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            if (responses == null) {
                return;
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("2") && carriesSecret(response, schemas, new TreeSet<>())) {
                    found.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            });
        }));
        return found;
    }

    /** Whether a piece of the document, with the schemas it refers to, has a property named like a secret. */
    @SuppressWarnings("unchecked")
    private static boolean carriesSecret(Object node, Map<String, Object> schemas, Set<String> seen) {
        if (node instanceof Map<?, ?> map) {
            Object reference = map.get("$ref");
            if (reference instanceof String ref && ref.startsWith("#/components/schemas/")) {
                String name = ref.substring("#/components/schemas/".length());
                return seen.add(name) && carriesSecret(schemas.get(name), schemas, seen);
            }
            Object properties = map.get("properties");
            if (properties instanceof Map<?, ?> named
                    && named.keySet().stream().anyMatch(key -> SECRET_FIELD.matcher(key.toString()).matches())) {
                return true;
            }
            return map.values().stream().anyMatch(value -> carriesSecret(value, schemas, seen));
        }
        if (node instanceof List<?> list) {
            return list.stream().anyMatch(value -> carriesSecret(value, schemas, seen));
        }
        return false;
    }
}
