package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files in {@code deploy/} hold to what docs/operations.md promises of them, checked as far as this
 * machine allows: each is parsed and its rules asserted; the tools that judge them (a container build, hadolint,
 * {@code systemd-analyze verify}, kubeconform) run where they are installed, and the test says so where they are not.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKERFILE = ROOT.resolve("deploy/Dockerfile");
    private static final Path UNIT = ROOT.resolve("deploy/systemd/latchkey.service");
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes/latchkey.yaml");
    private static final String LAUNCHER = "/opt/latchkey/bin/latchkey";

    /** An instruction of a Dockerfile: its keyword and the rest, continuation lines joined. */
    private record Instruction(String keyword, String arguments) {
    }

    private static List<Instruction> instructions(Path dockerfile) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && pending.isEmpty()) {
                continue;
            }
            pending.append(trimmed.endsWith("\\") ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!trimmed.endsWith("\\")) {
                String whole = pending.toString().strip();
                int space = whole.indexOf(' ');
                instructions.add(new Instruction(whole.substring(0, space).toUpperCase(), whole.substring(space + 1)));
                pending.setLength(0);
            }
        }
        return instructions;
    }

    private static List<Instruction> finalStage(List<Instruction> all) {
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    private static String of(List<Instruction> stage, String keyword) {
        return stage.stream().filter(each -> each.keyword().equals(keyword)).map(Instruction::arguments)
                .reduce((first, second) -> second).orElse("");
    }

    @Test
    void theDockerfileBuildsInStagesAndRunsAsNobodyWithTheKeyOnASecretMount() throws IOException {
        List<Instruction> all = instructions(DOCKERFILE);
        assertThat(all.stream().filter(each -> each.keyword().equals("FROM"))).as("stages").hasSizeGreaterThan(1);
        List<Instruction> runtime = finalStage(all);

        String user = of(runtime, "USER");
        assertThat(user).as("the final stage's user").isNotBlank().doesNotStartWith("root").doesNotStartWith("0:")
                .isNotEqualTo("0");
        assertThat(of(runtime, "HEALTHCHECK")).contains("/health/readiness");
        assertThat(of(runtime, "ENTRYPOINT")).isEqualTo("[\"" + LAUNCHER + "\"]");
        String env = String.join(" ", runtime.stream().filter(each -> each.keyword().equals("ENV"))
                .map(Instruction::arguments).toList());
        assertThat(env).contains("LATCHKEY_MASTER_KEY_FILE=/run/secrets/").doesNotContain("LATCHKEY_MASTER_KEY=")
                .doesNotContainIgnoringCase("PASSWORD");
        // What the service writes, all on the data volume, so that the root filesystem can be read-only.
        assertThat(of(runtime, "VOLUME")).contains("/var/lib/latchkey");
        assertThat(of(runtime, "WORKDIR")).isEqualTo("/var/lib/latchkey");
        assertThat(env).contains("XDG_CACHE_HOME=/var/lib/latchkey/", "-Djava.io.tmpdir=/var/lib/latchkey",
                "-XX:-UsePerfData");
        assertThat(all.stream().filter(each -> each.keyword().equals("ARG") || each.keyword().equals("ENV"))
                .map(Instruction::arguments)).noneMatch(text -> text.matches("(?i).*(secret|token)=\\S+.*"));
        // Every file the runtime stage copies from the build exists in the build's source tree.
        for (Instruction copy : runtime.stream().filter(each -> each.keyword().equals("COPY")).toList()) {
            String[] parts = copy.arguments().split("\\s+");
            for (int i = 1; i < parts.length - 1; i++) {
                Path source = ROOT.resolve(parts[i].replaceFirst("^/src/", ""));
                if (!source.toString().endsWith("latchkey.jar")) {
                    assertThat(source).as(copy.arguments()).exists();
                }
            }
        }
    }

    /** Whether {@code .dockerignore} keeps this path (relative to the context) out of the build context. */
    private static boolean leftOutOfTheContext(List<String> patterns, String path) {
        boolean left = false;
        for (String pattern : patterns) {
            boolean exception = pattern.startsWith("!");
            java.nio.file.PathMatcher matcher = ROOT.getFileSystem()
                    .getPathMatcher("glob:" + (exception ? pattern.substring(1) : pattern));
            // A pattern that names a directory leaves out everything under it.
            for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
                if (matcher.matches(candidate)) {
                    left = !exception;
                    break;
                }
            }
        }
        return left;
    }

    @Test
    void theBuildContextHoldsNoKeyStoreOrExport() throws IOException {
        List<String> patterns = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        // What an operator who ran the service, a backup or a move from the repository's root has lying there.
        assertThat(List.of("latchkey-master.key", "new-master.key", "data/latchkey.mv.db",
                "backups/latchkey-backup-20261206T101500Z.zip", "latchkey-export.jsonl",
                "latchkey-export.jsonl.partial",
                "pg-password", "token-bootstrap/target/latchkey.jar", "token-domain/target/classes/x.class",
                ".git/config", "deploy/kubernetes/latchkey.key"))
                .allSatisfy(path -> assertThat(leftOutOfTheContext(patterns, path)).as(path).isTrue());
        // And what the build needs is in it.
        assertThat(List.of("pom.xml", "token-bootstrap/pom.xml", "token-domain/src/main/java/dev/latchkey/x.java",
                "bin/latchkey", "bin/latchkey.jvm-options", "deploy/Dockerfile"))
                .allSatisfy(path -> assertThat(leftOutOfTheContext(patterns, path)).as(path).isFalse());
    }

    @Test
    void theDockerfilePassesHadolint() throws Exception {
        requireTool("hadolint", "--version");
        assertThat(run(List.of("hadolint", DOCKERFILE.toString()))).isZero();
    }

    @Test
    void theImageBuilds() throws Exception {
        if (!tool("docker", "info")) {
            abort("no container builder answers here (docker info fails, or docker is not installed): the image is "
                    + "not built; the Dockerfile's rules are checked by the test above");
        }
        assertThat(run(List.of("docker", "build", "-f", DOCKERFILE.toString(), "-t", "latchkey-test",
                ROOT.toString()))).isZero();
    }

    private static Map<String, String> unit() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        Pattern setting = Pattern.compile("^([A-Za-z]+)=(.*)$");
        for (String line : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
            Matcher found = setting.matcher(line.strip());
            if (found.matches()) {
                settings.merge(found.group(1), found.group(2), (first, second) -> first + "\n" + second);
            }
        }
        return settings;
    }

    @Test
    void theSystemdUnitConfinesTheServiceAndRestartsIt() throws IOException {
        Map<String, String> unit = unit();
        assertThat(unit).containsEntry("ExecStart", LAUNCHER).containsEntry("DynamicUser", "yes")
                .containsEntry("StateDirectory", "latchkey").containsEntry("ProtectSystem", "strict")
                .containsEntry("NoNewPrivileges", "yes").containsEntry("Restart", "on-failure")
                .containsEntry("WorkingDirectory", "/var/lib/latchkey").containsKey("EnvironmentFile");
        assertThat(unit.get("EnvironmentFile")).startsWith("/etc/");
        assertThat(unit.values()).noneMatch(value -> value.contains("LATCHKEY_MASTER_KEY="));
        // The stop must outlast the service's own grace for requests in flight.
        assertThat(Integer.parseInt(unit.get("TimeoutStopSec"))).isGreaterThan(gracePeriodSeconds());
    }

    @Test
    void theSystemdUnitPassesSystemdAnalyze(@TempDir Path directory) throws Exception {
        requireTool("systemd-analyze", "--version");
        // verify requires the program to exist: the repository's launcher stands in for the installed one.
        Path copy = directory.resolve("latchkey.service");
        Files.writeString(copy, Files.readString(UNIT).replace("ExecStart=" + LAUNCHER,
                "ExecStart=" + ROOT.resolve("bin/latchkey")));
        assertThat(run(List.of("systemd-analyze", "verify", copy.toString()))).isZero();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(KUBERNETES))) {
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = current instanceof List<?> list ? list.get(Integer.parseInt(step))
                    : ((Map<String, Object>) current).get(step);
            assertThat(current).as(String.join(".", path)).isNotNull();
        }
        return (T) current;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesExampleProbesDrainsAndTakesItsSecretsFromSecrets() throws IOException {
        List<Map<String, Object>> documents = manifests();
        assertThat(documents).extracting(document -> document.get("kind"))
                .containsExactlyInAnyOrder("Secret", "Secret", "Deployment", "Service");
        Map<String, Object> deployment = documents.stream().filter(each -> each.get("kind").equals("Deployment"))
                .findFirst().orElseThrow();
        Map<String, Object> pod = at(deployment, "spec", "template", "spec");
        Map<String, Object> container = at(pod, "containers", "0");

        assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health/liveness");
        assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/health/readiness");
        List<String> preStop = at(container, "lifecycle", "preStop", "exec", "command");
        int drain = Integer.parseInt(preStop.get(preStop.size() - 1));
        assertThat((Integer) at(pod, "terminationGracePeriodSeconds")).as("preStop, then the service's grace")
                .isGreaterThanOrEqualTo(drain + gracePeriodSeconds());
        assertThat((String) at(container, "resources", "limits", "memory")).isEqualTo("512Mi");
        assertThat((Boolean) at(container, "securityContext", "readOnlyRootFilesystem")).isTrue();
        assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();

        List<Map<String, Object>> env = at(container, "env");
        Map<String, Object> byName = new LinkedHashMap<>();
        env.forEach(each -> byName.put((String) each.get("name"), each));
        for (String datasource : List.of("DATASOURCES_DEFAULT_URL", "DATASOURCES_DEFAULT_USERNAME",
                "DATASOURCES_DEFAULT_PASSWORD")) {
            assertThat((String) at(byName.get(datasource), "valueFrom", "secretKeyRef", "name"))
                    .isEqualTo("latchkey-postgres");
        }
        assertThat(byName).doesNotContainKey("LATCHKEY_MASTER_KEY");
        String keyFile = at(byName.get("LATCHKEY_MASTER_KEY_FILE"), "value");
        List<Map<String, Object>> mounts = at(container, "volumeMounts");
        Map<String, Object> keyMount = mounts.stream()
                .filter(each -> keyFile.startsWith((String) each.get("mountPath")))
                .findFirst().orElseThrow();
        List<Map<String, Object>> volumes = at(pod, "volumes");
        Map<String, Object> keyVolume = volumes.stream().filter(each -> each.get("name").equals(keyMount.get("name")))
                .findFirst().orElseThrow();
        assertThat((String) at(keyVolume, "secret", "secretName")).isEqualTo("latchkey-master-key");
        assertThat(keyFile).endsWith("/latchkey-master.key");

        Map<String, Object> service = documents.stream().filter(each -> each.get("kind").equals("Service"))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) at(service, "spec", "selector"))
                .isEqualTo(at(deployment, "spec", "template", "metadata", "labels"));
        assertThat((String) at(service, "spec", "ports", "0", "targetPort"))
                .isEqualTo(at(container, "ports", "0", "name"));
    }

    @Test
    void theKubernetesExamplePassesKubeconform() throws Exception {
        requireTool("kubeconform", "-v");
        assertThat(run(List.of("kubeconform", "-strict", KUBERNETES.toString()))).isZero();
    }

    /** The service's own grace for requests in flight, from its configuration. */
    private static int gracePeriodSeconds() throws IOException {
        Matcher grace = Pattern.compile("grace-period: (\\d+)s").matcher(Files.readString(
                ROOT.resolve("token-bootstrap/src/main/resources/application.yml")));
        assertThat(grace.find()).isTrue();
        return Integer.parseInt(grace.group(1));
    }

    private static void requireTool(String command, String probe) {
        if (!tool(command, probe)) {
            abort(command + " is not installed here: this check runs where it is");
        }
    }

    private static boolean tool(String command, String probe) {
        try {
            return run(List.of(command, probe)) == 0;
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
