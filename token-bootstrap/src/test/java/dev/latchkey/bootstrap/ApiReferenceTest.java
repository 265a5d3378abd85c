package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The API reference at {@code /openapi.yml} is the one the build generated from the controllers, and it is complete
 * and truthful in both directions: every route the running server answers is in it, and every operation in it is a
 * route the server answers. Only the pages for people (the console, the server's root and icon that lead to it, the
 * reference itself) and the two operations endpoints of docs/operations.md are outside it, and they are named here.
 */
class ApiReferenceTest extends ServiceOnTestDatabase {

    /** Routes that are not the API: each is documented where its readers look for it. */
    private static final Set<String> NOT_THE_API_PREFIXES = Set.of("/console", "/docs", "/openapi.yml", "/health",
            "/prometheus");
    /** The server's root and icon, which lead a browser to the console. */
    private static final Set<String> NOT_THE_API_OPERATIONS = Set.of("GET /", "GET /favicon.ico");

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    /** Every endpoint switched on, the ones that are off unless configured too: the reference lists them all. */
    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.secret-scanning.github.enabled", true);
    }

    @Test
    void theDocumentIsServedAsOpenApi31() throws Exception {
        HttpResponse<String> response = HttpCalls.send(node(), "GET", "/openapi.yml", Map.of(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/yaml"));
        Map<String, Object> document = new Yaml().load(response.body());
        assertThat(document.get("openapi")).isEqualTo("3.1.0");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() throws Exception {
        Set<String> documented = documentedOperations();
        Set<String> served = servedOperations();

        assertThat(difference(served, documented)).as("routes the server answers that the reference lacks")
                .isEmpty();
        assertThat(difference(documented, served)).as("operations in the reference the server does not answer")
                .isEmpty();
    }

    /**
     * A reference a reader can use: every operation says what it does, every request body has an example, and every
     * operation that can fail documents its errors with their shape. The two public documents (metadata, key set)
     * cannot fail but for the server.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasASummaryEveryBodyAnExampleAndEveryRefusalItsSchema() throws Exception {
        String yaml = HttpCalls.send(node(), "GET", "/openapi.yml", Map.of(), null).body();
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) new Yaml().<Map<String, Object>>load(yaml).get("paths");
        Set<String> lacking = new TreeSet<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                return;
            }
            String name = method.toUpperCase(Locale.ROOT) + " " + path;
            if (operation.get("summary") == null) {
                lacking.add(name + ": a summary");
            }
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            if (body != null && !body.toString().contains("examples=")) {
                lacking.add(name + ": an example body");
            }
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            boolean documentsARefusal = responses.entrySet().stream().anyMatch(response ->
                    response.getKey().startsWith("4") && response.getValue().get("content") != null);
            if (!documentsARefusal && !Set.of("/.well-known/oauth-authorization-server", "/oauth2/jwks").contains(path)) {
                lacking.add(name + ": a refusal with its schema");
            }
        }));
        assertThat(lacking).as("what operations of the reference lack").isEmpty();
    }

    @Test
    void theReferencePageAndItsAssetsComeFromTheJarUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = HttpCalls.send(node(), "GET", "/docs", Map.of(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/docs/swagger-ui-bundle.js\">").doesNotContain("http://",
                "https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self';").doesNotContain("unsafe-eval"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        for (String asset : Set.of("swagger-ui-bundle.js", "swagger-ui.css", "reference.js")) {
            assertThat(HttpCalls.send(node(), "GET", "/docs/" + asset, Map.of(), null).statusCode()).as(asset)
                    .isEqualTo(200);
        }
        assertThat(HttpCalls.send(node(), "GET", "/docs/..%2F..%2Fapplication.yml", Map.of(), null).statusCode())
                .isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private Set<String> documentedOperations() throws Exception {
        String yaml = HttpCalls.send(node(), "GET", "/openapi.yml", Map.of(), null).body();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(
                yaml).get("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(key -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(key))
                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + normalized(path))));
        return operations;
    }

    private Set<String> servedOperations() {
        Router router = node().context().getBean(Router.class);
        return router.uriRoutes()
                .filter(route -> route.getHttpMethod() != HttpMethod.OPTIONS && route.getHttpMethod() != HttpMethod.HEAD)
                .map(route -> route.getHttpMethodName() + " " + normalized(route.getUriMatchTemplate().toPathString()))
                .filter(operation -> NOT_THE_API_PREFIXES.stream().noneMatch(prefix ->
                        operation.substring(operation.indexOf(' ') + 1).startsWith(prefix)))
                .filter(operation -> !NOT_THE_API_OPERATIONS.contains(operation))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Templates compared by shape: {@code /tokens/{tokenId}} and {@code /tokens/{id}} are the same route. */
    private static String normalized(String path) {
        String shape = path.replaceAll("\\{[^}]*}", "{}");
        return shape.length() > 1 && shape.endsWith("/") ? shape.substring(0, shape.length() - 1) : shape;
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> result = new TreeSet<>(left);
        result.removeAll(right);
        return result;
    }
}
