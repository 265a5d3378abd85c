package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out of memory or out of threads never leaves a deaf process (issue 10.4): the process ends, with status 3, so that a
 * supervisor starts a fresh one. Each case runs the service as a child process and exhausts a real resource in it
 * ({@link FaultInjectionController}).
 *
 * <p>The JVM's {@code -XX:+ExitOnOutOfMemoryError} does not cover a thread the kernel refuses, and a service started
 * without the launcher has no such flag at all; the service's own handler ({@link FatalErrors}) covers both. A stack
 * overflow, which leaves the JVM sound, is answered and the service carries on.
 */
class FatalErrorTest {

    private static final Map<String, String> FAULTS_ENABLED = Map.of("LATCHKEY_TEST_FAULTS", "enabled");
    private static final Path LAUNCHER_OPTIONS = Path.of("..", "bin", "latchkey.jvm-options").toAbsolutePath()
            .normalize();

    private static final List<String> AS_THE_LAUNCHER = List.of("-Xmx128m", "@" + LAUNCHER_OPTIONS);
    private static final List<String> WITHOUT_THE_LAUNCHER = List.of("-Xmx96m");

    @Test
    void outOfThreadsInARequestEndsTheProcessStartedAsTheLauncherStartsIt(@TempDir Path directory) throws Exception {
        assertThat(LAUNCHER_OPTIONS).exists();
        assertFaultEndsTheProcess(directory, AS_THE_LAUNCHER, "/test/faults/thread",
                "latchkey: fatal java.lang.OutOfMemoryError: unable to create native thread");
    }

    @Test
    void outOfHeapInARequestEndsTheProcessStartedAsTheLauncherStartsIt(@TempDir Path directory) throws Exception {
        assertFaultEndsTheProcess(directory, AS_THE_LAUNCHER, "/test/faults/heap",
                "java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void outOfHeapInARequestEndsTheProcessStartedWithoutTheLauncher(@TempDir Path directory) throws Exception {
        assertFaultEndsTheProcess(directory, WITHOUT_THE_LAUNCHER, "/test/faults/heap",
                "latchkey: fatal java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void outOfHeapInABackgroundThreadEndsTheProcessStartedWithoutTheLauncher(@TempDir Path directory)
            throws Exception {
        assertFaultEndsTheProcess(directory, WITHOUT_THE_LAUNCHER, "/test/faults/heap-in-background",
                "latchkey: fatal java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void aStackOverflowInARequestIsAnsweredAndTheServiceCarriesOn(@TempDir Path directory) throws Exception {
        ServiceProcess service = ServiceProcess.start(directory, FAULTS_ENABLED, AS_THE_LAUNCHER);
        try {
            assertThat(service.send("POST", "/test/faults/stack-overflow", null, null, null).statusCode())
                    .isEqualTo(500);
            assertThat(service.process().isAlive()).isTrue();
            assertThat(service.send("GET", "/api/v1/tokens", null, null, null).statusCode()).isEqualTo(401);
        } finally {
            service.stop();
        }
        assertThat(service.log()).doesNotContain("latchkey: fatal");
    }

    /** Starts the service, sets off the fault, and expects the process to end with status 3 and say why. */
    private static void assertFaultEndsTheProcess(Path directory, List<String> jvmOptions, String fault,
                                                  String logged) throws Exception {
        ServiceProcess service = ServiceProcess.start(directory, FAULTS_ENABLED, jvmOptions);
        try {
            sendExpectingNoAnswer(service, fault);
            assertEndsWithStatus3(service, logged);
        } finally {
            service.stop();
        }
    }

    /** The fault may end the process before, while or after it answers; only the ending matters. */
    private static void sendExpectingNoAnswer(ServiceProcess service, String path) throws InterruptedException {
        try {
            service.send("POST", path, null, null, null);
        } catch (IOException endedBeforeAnswering) {
            // expected as often as not
        }
    }

    private static void assertEndsWithStatus3(ServiceProcess service, String logged) throws Exception {
        Process process = service.process();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ended; see its log:%n%s", service.log())
                .isTrue();
        assertThat(process.exitValue()).as("exit status; log:%n%s", service.log()).isEqualTo(FatalErrors.EXIT_STATUS);
        assertThat(service.log()).contains(logged);
    }
}
