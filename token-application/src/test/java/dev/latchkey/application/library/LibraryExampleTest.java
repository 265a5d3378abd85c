package dev.latchkey.application.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.service.LatchkeyServices;
import dev.latchkey.domain.Token;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/library.md} shows another service using the domain and the application with adapters of its own. Its
 * code is compiled here as written, against the two jars and the JDK alone, then run in a JVM of its own; what it
 * prints must be what the page says it prints. So the page cannot fall behind the library, and the library cannot
 * come to need a framework without this failing.
 */
class LibraryExampleTest {

    private static final Path PAGE = Path.of("..", "docs", "library.md");
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @Test
    void theExampleCompilesAgainstTheLibraryAloneAndPrintsWhatThePageSays() throws Exception {
        String page = Files.readString(PAGE);
        List<String> javaBlocks = blocks(page, "java");
        assertThat(javaBlocks).as("the page's Java examples").isNotEmpty();
        Path sources = Files.createTempDirectory("library-example-sources");
        List<Path> files = new ArrayList<>();
        String mainClass = null;
        for (String block : javaBlocks) {
            Matcher name = CLASS_NAME.matcher(block);
            assertThat(name.find()).as("a public class in:%n%s", block).isTrue();
            Path file = sources.resolve(name.group(1) + ".java");
            Files.writeString(file, block);
            files.add(file);
            if (block.contains("public static void main(")) {
                mainClass = name.group(1);
            }
        }
        assertThat(mainClass).as("a class with main").isNotNull();

        String libraryOnly = location(Token.class) + File.pathSeparator + location(LatchkeyServices.class);
        Path classes = Files.createTempDirectory("library-example-classes");
        compile(files, libraryOnly, classes);

        Process run = new ProcessBuilder(javaLauncher(), "-cp", classes + File.pathSeparator + libraryOnly, mainClass)
                .redirectErrorStream(true).start();
        String printed = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(printed).isZero();
        assertThat(printed.strip()).isEqualTo(blocks(page, "text").get(0).strip());
    }

    @Test
    void noFrameworkIsOnTheLibrarysClasspath() {
        assertThatThrownBy(() -> Class.forName("io.micronaut.context.ApplicationContext"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.micronaut.core.annotation.Introspected"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private static void compile(List<Path> files, String classpath, Path output) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, null, null)) {
            boolean compiled = compiler.getTask(null, fileManager, diagnostics,
                    List.of("--release", "17", "-proc:none", "-classpath", classpath, "-d", output.toString()),
                    null, fileManager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(compiled).as("compiling the page's example: %s", diagnostics.getDiagnostics()).isTrue();
        }
    }

    private static List<String> blocks(String markdown, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(markdown);
        while (fence.find()) {
            if (fence.group(1).equals(language)) {
                blocks.add(fence.group(2));
            }
        }
        return blocks;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String javaLauncher() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
