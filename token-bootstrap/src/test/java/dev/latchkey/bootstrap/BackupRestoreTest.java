package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore drill: a backup taken while tokens are being issued, restored into a new directory beside the master
 * key, and a service started on it; every token answered 201 before the backup was asked for works there.
 */
class BackupRestoreTest {

    private static final String URL_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0";
    private static final Pattern FILE = Pattern.compile("\"file\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Map<String, Object> storeIn(Path home) {
        return Map.of("datasources.default.url", "jdbc:h2:file:" + home.resolve("data/latchkey") + URL_OPTIONS,
                "datasources.default.username", "sa", "datasources.default.password", "",
                "latchkey.backup.directory", home.resolve("backups").toString());
    }

    private HttpResponse<String> backUp(LatchkeyNode node) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/admin/backups"))
                .header("Authorization", EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream file = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(file)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as(entry.getName()).isTrue();
                Files.copy(entries, target);
            }
        }
    }

    @Test
    void aBackupTakenUnderLoadRestoresWithEveryTokenIssuedBeforeIt(@TempDir Path home, @TempDir Path restored)
            throws Exception {
        List<String> before = Collections.synchronizedList(new ArrayList<>());
        Path backup;
        try (LatchkeyNode node = new LatchkeyNode(storeIn(home), Map.of())) {
            for (int i = 0; i < 20; i++) {
                before.add(node.issue()[0]);
            }
            AtomicBoolean loading = new AtomicBoolean(true);
            List<String> during = Collections.synchronizedList(new ArrayList<>());
            Thread load = new Thread(() -> {
                while (loading.get()) {
                    try {
                        during.add(node.issue()[0]);
                    } catch (Exception stopped) {
                        return;
                    }
                }
            });
            load.start();
            while (during.size() < 5) {
                Thread.sleep(10);
            }
            // Everything answered 201 before the backup is asked for must be in it.
            List<String> answeredBefore = new ArrayList<>(during);
            HttpResponse<String> taken = backUp(node);
            loading.set(false);
            load.join();
            before.addAll(answeredBefore);

            assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
            Matcher file = FILE.matcher(taken.body());
            assertThat(file.find()).isTrue();
            backup = home.resolve("backups").resolve(file.group(1));
            assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(home.resolve("backups")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }

        restoresWithEveryToken(backup, home, restored, before);
    }

    /**
     * The restore as operations.md gives it: the zip unpacked into a new directory's {@code data/}, the master key the
     * store ran with beside it, and a service started there; every token must work.
     */
    private static void restoresWithEveryToken(Path backup, Path home, Path restored, List<String> tokens)
            throws Exception {
        unzip(backup, restored.resolve("data"));
        Files.copy(home.resolve("latchkey-master.key"), restored.resolve("latchkey-master.key"));
        try (LatchkeyNode node = new LatchkeyNode(storeIn(restored), Map.of())) {
            for (String token : tokens) {
                assertThat(node.use(token)).as("a token answered 201 before the backup was asked for").isEqualTo(200);
            }
        }
    }

    @Test
    void theCommandLineBacksUpAStoppedStoreAndTheKeyOnlyWhenAskedWithAWarning(@TempDir Path home) throws Exception {
        try (LatchkeyNode node = new LatchkeyNode(storeIn(home), Map.of())) {
            node.issue();
        }
        Path into = home.resolve("offline");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CommandLineContext.run(new String[] {"backup", "--to", into.toString(), "--with-master-key"},
                new BufferedReader(new StringReader("")), new PrintWriter(out), new PrintWriter(err), storeIn(home));

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("WHAT\tFILE\tBYTES").contains("store\t", "master key\t");
        assertThat(err.toString()).contains("warning", "Move the key elsewhere");
        try (var files = Files.list(into)) {
            assertThat(files.map(path -> path.getFileName().toString()).toList()).hasSize(2)
                    .anyMatch(name -> name.startsWith("latchkey-backup-") && name.endsWith(".zip"))
                    .anyMatch(name -> name.startsWith("latchkey-master-") && name.endsWith(".key"));
        }
        try (var files = Files.list(into)) {
            assertThat(files.toList()).allSatisfy(path -> assertThat(Files.getPosixFilePermissions(path))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
    }

    @Test
    void theCommandLineAsksARunningServiceForTheBackupThroughItsSocket(@TempDir Path home, @TempDir Path restored)
            throws Exception {
        // A service of its own process, as an operator runs it: H2 lets no other process open the store meanwhile.
        ServiceProcess service = ServiceProcess.start(home, Map.of());
        List<String> issued = new ArrayList<>();
        Path into = home.resolve("online");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> answer = service.send("POST", "/api/v1/tokens",
                        EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD), null, null);
                assertThat(answer.statusCode()).isEqualTo(201);
                Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer.body());
                assertThat(token.find()).isTrue();
                issued.add(token.group(1));
            }
            assertThat(home.resolve("data").resolve(CommandSocket.FILE_NAME)).exists();
            assertThat(Files.getPosixFilePermissions(home.resolve("data").resolve(CommandSocket.FILE_NAME)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            // Nothing but a backup is taken through it.
            try (java.nio.channels.SocketChannel socket = java.nio.channels.SocketChannel.open(
                    java.net.UnixDomainSocketAddress.of(home.resolve("data").resolve(CommandSocket.FILE_NAME)))) {
                socket.write(java.nio.ByteBuffer.wrap("command=accounts\nto=/tmp\n".getBytes(StandardCharsets.UTF_8)));
                socket.shutdownOutput();
                String answer = new String(java.nio.channels.Channels.newInputStream(socket).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertThat(answer).contains("outcome=failed", "takes a backup and nothing else");
            }
            status = CommandLineContext.run(new String[] {"backup", "--to", into.toString()},
                    new BufferedReader(new StringReader("")), new PrintWriter(out), new PrintWriter(err),
                    storeIn(home));
        } finally {
            service.stop();
        }
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("WHAT\tFILE\tBYTES").contains("store\t" + into);
        assertThat(home.resolve("data").resolve(CommandSocket.FILE_NAME)).as("removed when the service stops")
                .doesNotExist();

        Path backup;
        try (var files = Files.list(into)) {
            backup = files.filter(file -> file.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
        restoresWithEveryToken(backup, home, restored, issued);
    }

    @Test
    void backupsAskedForAtOnceEachGetTheirOwnFile(@TempDir Path home) throws Exception {
        try (LatchkeyNode node = new LatchkeyNode(storeIn(home), Map.of())) {
            node.issue();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<HttpResponse<String>>> asked = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    asked.add(callers.submit(() -> backUp(node)));
                }
                Set<String> files = new HashSet<>();
                for (Future<HttpResponse<String>> answer : asked) {
                    HttpResponse<String> taken = answer.get(60, TimeUnit.SECONDS);
                    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
                    Matcher file = FILE.matcher(taken.body());
                    assertThat(file.find()).isTrue();
                    files.add(file.group(1));
                }
                assertThat(files).as("one file per backup, none written over").hasSize(4);
                for (String file : files) {
                    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(home.resolve("backups")
                            .resolve(file)))) {
                        assertThat(zip.getNextEntry()).as("%s is a whole zip", file).isNotNull();
                    }
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aBackupDirectoryThatCannotBeWrittenIsSaidSoAndChangesNothing(@TempDir Path home) throws Exception {
        // A file where the directory should be: the operator's configuration, not the request, is at fault.
        Path notADirectory = Files.writeString(home.resolve("backups-file"), "in the way");
        Map<String, Object> store = new HashMap<>(storeIn(home));
        store.put("latchkey.backup.directory", notADirectory.toString());
        String token;
        try (LatchkeyNode node = new LatchkeyNode(store, Map.of())) {
            token = node.issue()[0];
            HttpResponse<String> refused = backUp(node);

            assertThat(refused.statusCode()).isEqualTo(507);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(refused.body()).contains("backup-not-written", "latchkey.backup.directory", "not a directory");
            assertThat(node.use(token)).as("the store serves on").isEqualTo(200);
        }
        assertThat(Files.readString(notADirectory)).isEqualTo("in the way");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CommandLineContext.run(new String[] {"backup", "--to", notADirectory.toString()},
                new BufferedReader(new StringReader("")), new PrintWriter(out), new PrintWriter(err), storeIn(home));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("latchkey: cannot write the backup in " + notADirectory
                + ": not a directory" + System.lineSeparator());
    }

    @Test
    void postgresIsBackedUpWithItsOwnTools() throws Exception {
        try (EmbeddedPostgresDatabase postgres = new EmbeddedPostgresDatabase();
             LatchkeyNode node = new LatchkeyNode(postgres.start(),
                     Map.of("latchkey.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32])))) {
            HttpResponse<String> refused = backUp(node);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(refused.body()).contains("backup-not-made-here", "pg_dump");
        }
    }
}
