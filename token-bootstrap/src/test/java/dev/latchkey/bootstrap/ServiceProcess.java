package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as a real child process, started as an operator starts it: the main class, configured only through its
 * environment, with the bootstrap administrator. For faults that need a process: SIGKILL, SIGTERM.
 */
final class ServiceProcess {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service in the working directory and returns once it answers. */
    static ServiceProcess start(Path workingDirectory, Map<String, String> environment) throws Exception {
        return start(workingDirectory, environment, List.of("-Xmx256m"));
    }

    /** The same, with these options for the JVM. */
    static ServiceProcess start(Path workingDirectory, Map<String, String> environment, List<String> jvmOptions)
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = workingDirectory.resolve("latchkey-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Application.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        builder.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_USERNAME", LatchkeyNode.ADMIN);
        builder.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD", LatchkeyNode.ADMIN_PASSWORD);
        builder.environment().putAll(environment);
        ServiceProcess service = new ServiceProcess(builder.start(), port, log);
        service.awaitReady();
        return service;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service exited early; see %s", log).isTrue();
            try {
                if (send("GET", "/api/v1/tokens", null, null, null).statusCode() == 401) {
                    return;
                }
            } catch (IOException notYetListening) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the service did not start within 60 s; see " + log);
    }

    HttpResponse<String> send(String method, String path, String authorization, String contentType, String body)
            throws IOException, InterruptedException {
        return HttpCalls.send("http://localhost:" + port, method, path, HttpCalls.headers(authorization, contentType),
                body);
    }

    Process process() {
        return process;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. Returns the exit status. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    /** SIGTERM, as a supervisor stops a service. */
    void terminate() {
        process.destroy();
    }

    /** Stops the service if it still runs. */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
