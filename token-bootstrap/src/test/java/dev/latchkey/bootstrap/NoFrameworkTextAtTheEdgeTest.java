package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * No answer carries the framework's own words (issue 22): a parameter of the wrong type, a missing one, an unknown
 * path, a wrong content type and an oversized body are each refused in Latchkey's words, in the shape of the surface
 * that was called, naming what was wrong and never echoing what was sent. Every typed parameter of every route is
 * taken from the OpenAPI document, so a route added later is covered without a change here.
 */
class NoFrameworkTextAtTheEdgeTest extends ServiceOnTestDatabase {

    private static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    /** Sent where a typed value belongs; found in no answer unless the answer echoes it. */
    private static final String WRONG = "zq9xjw";
    /** What Micronaut says when it refuses by itself. */
    private static final Pattern FRAMEWORK_TEXT = Pattern.compile("Failed to convert|Required argument|Required "
            + "(QueryValue|Header|PathVariable|Body)|Page Not Found|Allowed types|Allowed methods|Content Type \\[|"
            + "content length \\[|for value \\[|due to:|not specified|Unsupported Media Type|Method Not Allowed"
            + "|Internal Server Error");

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Test
    void aWrongTypeForEveryTypedParameterOfEveryRouteIsRefusedInLatchkeysWords() throws Exception {
        List<String> sent = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> operation : typedParameters().entrySet()) {
            String method = operation.getKey().substring(0, operation.getKey().indexOf(' '));
            String template = operation.getKey().substring(operation.getKey().indexOf(' ') + 1);
            for (Map.Entry<String, Object> parameter : operation.getValue().entrySet()) {
                String name = parameter.getKey();
                String in = (String) parameter.getValue();
                String path = template.replace("{" + name + "}", WRONG)
                        .replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
                Map<String, String> headers = new LinkedHashMap<>(HttpCalls.headers(ADMIN, "application/json"));
                if (in.equals("query")) {
                    path += (path.contains("?") ? "&" : "?") + name + "=" + WRONG;
                } else if (in.equals("header")) {
                    headers.put(name, WRONG);
                }
                HttpResponse<String> response = HttpCalls.send(node(), method, path, headers,
                        method.equals("GET") || method.equals("DELETE") ? null : "{}");
                sent.add(method + " " + path);
                check(method + " " + path + " (" + in + " " + name + ")", response, wrong);
            }
        }
        assertThat(sent).as("typed parameters found in the document").hasSizeGreaterThan(5);
        assertThat(wrong).isEmpty();
    }

    @Test
    void theFrameworksOwnRefusalsAreInEachSurfacesShapeAndLatchkeysWords() throws Exception {
        Map<String, String> formHeaders = HttpCalls.headers(null, "application/x-www-form-urlencoded");
        List<String> wrong = new ArrayList<>();
        String large = "{\"description\":\"" + "x".repeat(1_100_000) + "\"}";
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            for (String surface : List.of("/api/v1/tokens", "/oauth2/token", "/Token", "/v4/apiAccessTokens",
                    "/api/v1/token-auth/", "/ds-api/user-token", "/api/v1/public/auth/partner/1/token")) {
                check("415 " + surface, HttpCalls.send(node(), "POST", surface,
                        HttpCalls.headers(ADMIN, "text/plain"), "a=" + WRONG), wrong);
                check("413 " + surface, HttpCalls.send(node(), "POST", surface,
                        HttpCalls.headers(ADMIN, "application/json"), large), wrong);
                check("405 " + surface, HttpCalls.send(node(), "PATCH", surface, formHeaders, "a=b"), wrong);
            }
        } finally {
            root.detachAppender(logged);
        }
        // A refusal is an answer, not a failure: none of them may log.
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        for (String unknown : List.of("/api/v1/" + WRONG, "/oauth2/" + WRONG, "/v4/" + WRONG, "/ds-api/" + WRONG,
                "/api/v1/public/" + WRONG, "/console/" + WRONG, "/" + WRONG)) {
            HttpResponse<String> response = HttpCalls.send(node(), "GET", unknown, HttpCalls.headers(ADMIN, null),
                    null);
            assertThat(response.statusCode()).as(unknown).isIn(401, 404);
            check("404 " + unknown, response, wrong);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theNativeApiNamesTheParameterAndWhatItMustBe() throws Exception {
        HttpResponse<String> response = HttpCalls.send(node(), "GET", "/api/v1/tokens?size=" + WRONG,
                HttpCalls.headers(ADMIN, null), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("'size'", "a whole number").doesNotContain(WRONG);
    }

    @Test
    void aFieldIsNamedAsTheBodyNamesItAndNullIsNotAValueOfAnyType() throws Exception {
        HttpResponse<String> nullScopes = HttpCalls.send(node(), "POST", "/api/v1/tokens",
                HttpCalls.headers(ADMIN, "application/json"), "{\"scopes\":null}");
        assertThat(nullScopes.statusCode()).isEqualTo(400);
        assertThat(nullScopes.body()).contains("\"scopes\"", "must not be null");

        HttpResponse<String> negativeId = HttpCalls.send(node(), "POST", "/api/v1/admin/partners",
                HttpCalls.headers(ADMIN, "application/json"), "{\"id\":-7,\"name\":\"Acme\"}");
        assertThat(negativeId.statusCode()).isEqualTo(400);
        assertThat(negativeId.body()).contains("\"field\":\"id\"").doesNotContain("partnerId");
    }

    private static void check(String what, HttpResponse<String> response, List<String> wrong) {
        // A problem's instance is the path it is about (RFC 9457): naming it is the point, not an echo.
        String body = response.body().replaceAll("\"instance\":\"[^\"]*\"", "");
        if (response.statusCode() >= 500) {
            wrong.add(what + " -> " + response.statusCode());
        } else if (FRAMEWORK_TEXT.matcher(body).find()) {
            wrong.add(what + " -> framework text: " + body);
        } else if (body.contains(WRONG) && response.statusCode() >= 400) {
            wrong.add(what + " -> echoes the input: " + body);
        }
    }

    /**
     * Each operation's parameters whose schema has a type a string can fail (numbers, booleans, UUIDs, instants,
     * durations, enumerations), with where they go: {@code query}, {@code path} or {@code header}.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> typedParameters() throws Exception {
        String yaml = HttpCalls.send(node(), "GET", "/openapi.yml", Map.of(), null).body();
        Map<String, Object> document = new Yaml().load(yaml);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation) || !(operation.get("parameters") instanceof List<?> list)) {
                return;
            }
            for (Object entry : list) {
                Map<String, Object> parameter = (Map<String, Object>) entry;
                Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
                String type = String.valueOf(schema.get("type"));
                String format = String.valueOf(schema.get("format"));
                boolean typed = List.of("integer", "number", "boolean").contains(type)
                        || List.of("uuid", "date-time", "duration", "int32", "int64").contains(format)
                        || schema.containsKey("enum");
                String in = String.valueOf(parameter.get("in"));
                if (typed && List.of("query", "path", "header").contains(in)) {
                    found.computeIfAbsent(method.toUpperCase(Locale.ROOT) + " " + path,
                            ignored -> new LinkedHashMap<>()).put((String) parameter.get("name"), in);
                }
            }
        }));
        return found;
    }
}
