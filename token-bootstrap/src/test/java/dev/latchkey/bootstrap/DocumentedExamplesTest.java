package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the documentation true: every {@code bash} block that calls curl, in the README and in {@code docs/}, is run
 * as written against a fresh server (only the port of {@code localhost:8080} is replaced), one shell per document so
 * that variables carry from block to block. Where an {@code http} or {@code json} block follows, the response must
 * be the one it shows, by the rules of {@link DocumentedResponse}.
 */
class DocumentedExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final String BLOCK_END = "--- end of documented block ---";

    /**
     * @param expectedExchange a following {@code http} block, if any: the status line, headers and body curl
     *                         {@code -i} prints
     * @param expectedJson     a following {@code json} block, if any: the body curl prints
     * @see DocumentedResponse for how they are compared
     */
    record Example(String commands, String expectedExchange, String expectedJson) {
    }

    /** {@code <!-- latchkey-test-setting: name=value -->}: a setting the document tells its reader to start with. */
    private static final Pattern SETTING = Pattern.compile("<!-- latchkey-test-setting: ([^=\\s]+)=(\\S+) -->");

    @TestFactory
    Stream<DynamicNode> everyCurlExampleWorksAsWritten() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        String readme = Files.readString(ROOT.resolve("README.md"));
        return documents.stream().map(document -> {
            List<Example> examples = examplesIn(read(document));
            Map<String, Object> settings = new java.util.HashMap<>();
            Matcher setting = SETTING.matcher(read(document));
            while (setting.find()) {
                settings.put(setting.group(1), setting.group(2));
            }
            return DynamicContainer.dynamicContainer(ROOT.relativize(document).toString(),
                    examples.isEmpty() ? Stream.empty() : Stream.of(DynamicTest.dynamicTest(
                            examples.size() + " curl examples",
                            () -> runAgainstFreshServer(readme, settings, examples))));
        });
    }

    private static String read(Path document) {
        try {
            return Files.readString(document);
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * {@code <!-- latchkey-test-browser: URL_VARIABLE CODE_VARIABLE username:password -->}: here the document's reader
     * opens the authorization request in {@code URL_VARIABLE} in a browser, signs in, allows, and is sent back with a
     * code. The test does what the browser does, with curl, and sets {@code CODE_VARIABLE} to the code.
     */
    private static final Pattern BROWSER = Pattern.compile(
            "<!-- latchkey-test-browser: ([A-Z_]+) ([A-Z_]+) ([^:\\s]+):(\\S+) -->");

    /**
     * A browser's part of the authorization code flow, as curl does it: the continue page's link, the sign-in form in
     * its place, the consent page's Allow, and the redirect back, whose code is kept.
     */
    private static String browserSignIn(String url, String code, String username, String password) {
        return """
                JAR=$(mktemp)
                PAGE=$(mktemp)
                field() { sed -nE 's/.*name="'"$1"'" value="([^"]*)".*/\\1/p' "$PAGE" | head -1 | sed 's/&amp;/\\&/g'; }
                curl -s -L -c "$JAR" -b "$JAR" -o "$PAGE" "$%1$s"
                NEXT=$(sed -nE 's/.*content="0; url=([^"]+)".*/\\1/p' "$PAGE" | sed 's/&amp;/\\&/g')
                curl -s -c "$JAR" -b "$JAR" -o "$PAGE" "http://localhost:8080$NEXT"
                BACK=$(curl -s -o /dev/null -w '%%{redirect_url}' -c "$JAR" -b "$JAR" \\
                  http://localhost:8080/console/sign-in --data-urlencode "signin=$(field signin)" \\
                  --data-urlencode "return=$(field return)" --data-urlencode "username=%3$s" \\
                  --data-urlencode "password=%4$s")
                AWAY=$(curl -s -o "$PAGE" -w '%%{redirect_url}' -c "$JAR" -b "$JAR" "$BACK")
                if [ -z "$AWAY" ]; then
                  AWAY=$(curl -s -o /dev/null -w '%%{redirect_url}' -c "$JAR" -b "$JAR" \\
                    http://localhost:8080/console/authorize --data-urlencode "csrf=$(field csrf)" \\
                    --data-urlencode "request=$(field request)" --data-urlencode decision=allow)
                fi
                %2$s=$(echo "$AWAY" | sed -nE 's/.*[?&]code=([^&]+).*/\\1/p')
                rm -f "$JAR" "$PAGE"
                test -n "$%2$s" || { echo "no code came back: $AWAY" >&2; exit 1; }
                """.formatted(url, code, username, password);
    }

    static List<Example> examplesIn(String markdown) {
        List<String[]> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(markdown);
        Matcher browser = BROWSER.matcher(markdown);
        int from = 0;
        while (fence.find(from)) {
            if (browser.find(from) && browser.start() < fence.start()) {
                blocks.add(new String[] {"browser", browserSignIn(browser.group(1), browser.group(2), browser.group(3),
                        browser.group(4))});
                from = browser.end();
                continue;
            }
            blocks.add(new String[] {fence.group(1), fence.group(2)});
            from = fence.end();
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i)[0].equals("browser")) {
                examples.add(new Example(blocks.get(i)[1], null, null));
            } else if (blocks.get(i)[0].equals("bash") && blocks.get(i)[1].contains("curl ")) {
                String next = i + 1 < blocks.size() ? blocks.get(i + 1)[0] : "";
                String expectedExchange = next.equals("http") ? blocks.get(i + 1)[1] : null;
                String expectedJson = next.equals("json") ? blocks.get(i + 1)[1] : null;
                examples.add(new Example(blocks.get(i)[1], expectedExchange, expectedJson));
            }
        }
        return examples;
    }

    private static String setting(String readme, String variable) {
        Matcher matcher = Pattern.compile(variable + "=(\\S+)").matcher(readme);
        assertThat(matcher.find()).as("the README's run command sets " + variable).isTrue();
        return matcher.group(1);
    }

    private static void runAgainstFreshServer(String readme, Map<String, Object> settings, List<Example> examples)
            throws Exception {
        Map<String, Object> properties = new java.util.HashMap<>(new InMemoryH2Database().start());
        properties.putAll(settings);
        properties.put("micronaut.server.port", -1);
        properties.put(BootstrapAdministrator.USERNAME_PROPERTY, setting(readme, "LATCHKEY_BOOTSTRAP_ADMIN_USERNAME"));
        properties.put(BootstrapAdministrator.PASSWORD_PROPERTY, setting(readme, "LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD"));
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            StringBuilder script = new StringBuilder("set -u\n");
            for (Example example : examples) {
                script.append(example.commands().replace("localhost:8080", "localhost:" + server.getPort()))
                        .append("\necho\necho '").append(BLOCK_END).append("'\n");
            }
            // curl writes its progress meter to stderr when not given -s, as some documented examples are not:
            // only stdout is the response; stderr is kept for the failure message.
            java.io.File errors = java.io.File.createTempFile("documented-examples", ".stderr");
            errors.deleteOnExit();
            // From the repository's root, as a reader runs them (some call a script under docs/).
            Process bash = new ProcessBuilder("bash", "-c", script.toString()).directory(ROOT.toFile())
                    .redirectError(errors).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as("%s%n%s", output, Files.readString(errors.toPath())).isZero();

            String[] outputs = output.split(Pattern.quote(BLOCK_END) + "\\R?");
            DocumentedResponse documented = new DocumentedResponse(
                    server.getApplicationContext().getBean(io.micronaut.json.JsonMapper.class));
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                Example example = examples.get(i);
                List<String> differences = example.expectedJson() != null
                        ? documented.compareBody(example.expectedJson(), outputs[i])
                        : example.expectedExchange() != null
                        ? documented.compareExchange(example.expectedExchange(), outputs[i])
                        : List.of();
                if (!differences.isEmpty()) {
                    mismatches.add("the response to:\n" + example.commands() + "\ndiffers: " + differences
                            + "\noutput:\n" + outputs[i]);
                }
            }
            assertThat(mismatches).as("responses that differ from their documentation").isEmpty();
        }
    }
}
