package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.InMemoryH2Database;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store moved from H2 to PostgreSQL and back through `latchkey export` and `latchkey import`, as an operator runs
 * them: after each step every token issued before the first works, the administrator's password too, a client's
 * secret too, and a JWT signed before the move still verifies; what PostgreSQL exports is what H2 exported.
 */
class StoreMoveTest {

    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    private static final Pattern STRING_FIELD = Pattern.compile("\"(%s)\":\"([^\"]+)\"");

    @TempDir
    Path files;

    private record Run(int status, String out, String err) {
    }

    /** What worked before the move, to try after it. */
    private record Issued(List<String> tokens, String jwt, String clientId, String clientSecret) {
    }

    private static Map<String, Object> settings() {
        return Map.of("latchkey.master-key", MASTER_KEY, "latchkey.oauth.access-token-format", "jwt",
                "latchkey.issuer", "https://tokens.example.com");
    }

    private static Run latchkey(Map<String, Object> datasource, String... args) {
        Map<String, Object> properties = new HashMap<>(datasource);
        properties.put("latchkey.master-key", MASTER_KEY);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CommandLineContext.run(args, new BufferedReader(new StringReader("")), new PrintWriter(out),
                new PrintWriter(err), properties);
        return new Run(status, out.toString(), err.toString());
    }

    private static HttpResponse<String> send(LatchkeyNode node, String method, String path, String authorization,
                                             String contentType, String body) throws Exception {
        return HttpCalls.send(node, method, path, HttpCalls.headers(authorization, contentType), body);
    }

    private static String field(String name, String body) {
        Matcher found = Pattern.compile(STRING_FIELD.pattern().formatted(name)).matcher(body);
        assertThat(found.find()).as(name + " in " + body).isTrue();
        return found.group(2);
    }

    private Issued issueEverything(LatchkeyNode node) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tokens.add(node.issue()[0]);
        }
        String form = "application/x-www-form-urlencoded";
        HttpResponse<String> granted = send(node, "POST", "/oauth2/token", null, form, "grant_type=password&username="
                + LatchkeyNode.ADMIN + "&password=" + LatchkeyNode.ADMIN_PASSWORD.replace(" ", "+"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        HttpResponse<String> client = send(node, "POST", "/api/v1/clients",
                EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD), "application/json",
                "{\"name\":\"mover\",\"grantTypes\":[\"client_credentials\"]}");
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        return new Issued(tokens, field("access_token", granted.body()), field("clientId", client.body()),
                field("clientSecret", client.body()));
    }

    private void everythingWorks(LatchkeyNode node, Issued issued) throws Exception {
        for (String token : issued.tokens()) {
            assertThat(node.use(token)).as("a token issued before the move").isEqualTo(200);
        }
        assertThat(node.issue()[0]).as("a token issued with the administrator's password").startsWith("lk_");
        assertThat(node.use(issued.jwt())).as("a JWT signed before the move").isEqualTo(200);
        HttpResponse<String> byClient = send(node, "POST", "/oauth2/token",
                EndToEndScenario.basic(issued.clientId(), issued.clientSecret()), "application/x-www-form-urlencoded",
                "grant_type=client_credentials");
        assertThat(byClient.statusCode()).as("the client's secret: " + byClient.body()).isEqualTo(200);
    }

    /** A file's records, without its first line (which says when it was written) and its last. */
    private static List<String> records(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size() - 1);
    }

    @Test
    void aStoreMovesFromH2ToPostgresAndBackWithoutReissuingAToken() throws Exception {
        Map<String, Object> h2 = new InMemoryH2Database().start();
        Issued issued;
        try (LatchkeyNode first = new LatchkeyNode(h2, settings())) {
            issued = issueEverything(first);
            everythingWorks(first, issued);
        }
        Path fromH2 = files.resolve("from-h2.jsonl");
        Run exported = latchkey(h2, "export", "--to", fromH2.toString(), "--with-audit");
        assertThat(exported.status()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("KIND\tRECORDS", "token\t", "signing_key\t", "audit_event\t");
        assertThat(Files.getPosixFilePermissions(fromH2)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        try (EmbeddedPostgresDatabase postgres = new EmbeddedPostgresDatabase()) {
            Map<String, Object> pg = postgres.start();
            Run imported = latchkey(pg, "import", "--from", fromH2.toString());
            assertThat(imported.status()).as(imported.err()).isZero();
            assertThat(imported.out()).contains("KIND\tRECORDS\tWRITTEN", "account\t2\t2", "token\t7\t7");

            Path fromPostgres = files.resolve("from-postgres.jsonl");
            assertThat(latchkey(pg, "export", "--to", fromPostgres.toString(), "--with-audit").status()).isZero();
            assertThat(records(fromPostgres)).containsExactlyInAnyOrderElementsOf(records(fromH2));

            try (LatchkeyNode second = new LatchkeyNode(pg, settings())) {
                everythingWorks(second, issued);
            }

            Map<String, Object> h2Again = new InMemoryH2Database().start();
            assertThat(latchkey(h2Again, "import", "--from", fromPostgres.toString()).status()).isZero();
            try (LatchkeyNode third = new LatchkeyNode(h2Again, settings())) {
                everythingWorks(third, issued);
            }

            Run intoAStoreInUse = latchkey(h2Again, "import", "--from", fromPostgres.toString());
            assertThat(intoAStoreInUse.status()).isEqualTo(1);
            assertThat(intoAStoreInUse.err()).contains("--merge");
            Run merged = latchkey(h2Again, "import", "--from", fromPostgres.toString(), "--merge");
            assertThat(merged.status()).as(merged.err()).isZero();
            assertThat(merged.out()).contains("account\t2\t0", "token\t");
        }
    }

    @Test
    void refusalsWriteNothing() throws Exception {
        Map<String, Object> h2 = new InMemoryH2Database().start();
        try (LatchkeyNode node = new LatchkeyNode(h2, settings())) {
            issueEverything(node);
        }
        Path whole = files.resolve("whole.jsonl");
        assertThat(latchkey(h2, "export", "--to", whole.toString()).status()).isZero();
        Run again = latchkey(h2, "export", "--to", whole.toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("exists already");

        List<String> lines = Files.readAllLines(whole, StandardCharsets.UTF_8);
        Path truncated = files.resolve("truncated.jsonl");
        Files.write(truncated, lines.subList(0, lines.size() / 2));
        Path newer = files.resolve("newer.jsonl");
        List<String> newerLines = new ArrayList<>(lines);
        newerLines.set(0, lines.get(0).replace("\"formatVersion\":1", "\"formatVersion\":9"));
        Files.write(newer, newerLines);
        Path otherSchema = files.resolve("other-schema.jsonl");
        List<String> otherLines = new ArrayList<>(lines);
        otherLines.set(0, lines.get(0).replaceFirst("\"schemaVersion\":\"[0-9]+\"", "\"schemaVersion\":\"999\""));
        Files.write(otherSchema, otherLines);

        Map<String, Object> empty = new InMemoryH2Database().start();
        for (Map.Entry<Path, String> refused : Map.of(truncated, "cut short", newer, "format version 9",
                otherSchema, "schema version 999", files.resolve("missing.jsonl"), "cannot read").entrySet()) {
            Run run = latchkey(empty, "import", "--from", refused.getKey().toString());
            assertThat(run.status()).as(refused.getKey().toString()).isEqualTo(1);
            assertThat(run.err()).contains(refused.getValue()).doesNotContain("Exception");
        }
        // A file made for a store with another master key: its keys would load, and fail every node started on it.
        Path otherMasterKey = Files.writeString(files.resolve("other-master.key"),
                Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)) + "\n");
        Path forAnotherStore = files.resolve("for-another-store.jsonl");
        assertThat(latchkey(h2, "export", "--to", forAnotherStore.toString(), "--rewrap-for",
                otherMasterKey.toString()).status()).isZero();
        Run notOpened = latchkey(empty, "import", "--from", forAnotherStore.toString());
        assertThat(notOpened.status()).isEqualTo(1);
        assertThat(notOpened.err()).contains("cannot be opened here", "--rewrap-for").doesNotContain("Exception");

        Path check = files.resolve("check.jsonl");
        assertThat(latchkey(empty, "export", "--to", check.toString()).status()).isZero();
        assertThat(records(check)).as("nothing was written by the refused imports").isEmpty();

        Path keyFile = files.resolve("not-a-key");
        Files.writeString(keyFile, "not a key");
        Run wrongKey = latchkey(h2, "export", "--to", files.resolve("rewrapped.jsonl").toString(),
                "--rewrap-for", keyFile.toString());
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("32 bytes").doesNotContain("not a key");
        assertThat(files.resolve("rewrapped.jsonl")).doesNotExist();
        assertThat(files.resolve("rewrapped.jsonl.partial")).doesNotExist();
    }

    @Test
    void aCommandWhereThereIsNoStoreIsRefusedAndMakesNoneButAnImportMakesItsStore() throws Exception {
        // As an operator who runs the command outside the service's directory: the default store is ./data/latchkey.
        Path nowhere = files.resolve("not-the-service-directory");
        Map<String, Object> absent = Map.of("datasources.default.url", "jdbc:h2:file:"
                + nowhere.resolve("data/latchkey") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        Path password = Files.writeString(files.resolve("pg-password"), "secret\n");
        for (String[] args : List.of(new String[] {"export", "--to", files.resolve("x.jsonl").toString()},
                new String[] {"backup", "--to", files.resolve("backup").toString()},
                new String[] {"migrate-store", "--to", "jdbc:postgresql://localhost:1/latchkey", "--user", "latchkey",
                        "--password-file", password.toString()},
                new String[] {"partners", "create", "--id", "12345", "--name", "Acme Media"},
                new String[] {"accounts", "list"})) {
            Run refused = latchkey(absent, args);
            assertThat(refused.status()).as(args[0]).isEqualTo(1);
            assertThat(refused.err()).as(args[0])
                    .startsWith("latchkey: there is no store at " + nowhere.resolve("data"));
        }
        assertThat(nowhere).as("no empty store was made to be worked on").doesNotExist();
        assertThat(files.resolve("x.jsonl")).doesNotExist();

        // An import is how a new store is filled (the way back to H2, a restore from a file): it may make one.
        Map<String, Object> h2 = new InMemoryH2Database().start();
        try (LatchkeyNode node = new LatchkeyNode(h2, settings())) {
            node.issue();
        }
        Path exported = files.resolve("exported.jsonl");
        assertThat(latchkey(h2, "export", "--to", exported.toString()).status()).isZero();
        Run imported = latchkey(absent, "import", "--from", exported.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(nowhere.resolve("data/latchkey.mv.db")).exists();
        assertThat(latchkey(absent, "accounts", "list").out()).contains(LatchkeyNode.ADMIN);
    }

    @Test
    void migrateStoreCopiesIntoAnEmptyPostgresAndChecksWhatLanded() throws Exception {
        Map<String, Object> h2 = new InMemoryH2Database().start();
        Issued issued;
        try (LatchkeyNode first = new LatchkeyNode(h2, settings())) {
            issued = issueEverything(first);
        }
        try (EmbeddedPostgresDatabase postgres = new EmbeddedPostgresDatabase()) {
            Map<String, Object> pg = postgres.start();
            Path passwordFile = files.resolve("pg-password");
            Files.writeString(passwordFile, pg.get("datasources.default.password") + "\n");
            String[] migrate = {"migrate-store", "--to", (String) pg.get("datasources.default.url"),
                    "--user", (String) pg.get("datasources.default.username"),
                    "--password-file", passwordFile.toString(), "--with-audit"};

            Run migrated = latchkey(h2, migrate);
            assertThat(migrated.status()).as(migrated.err()).isZero();
            assertThat(migrated.out()).contains("KIND\tRECORDS\tIN THE OTHER STORE", "account\t2\tsame",
                    "token\t5\tsame", "signing_key\t1\tsame", "audit_event\t");
            try (LatchkeyNode onPostgres = new LatchkeyNode(pg, settings())) {
                everythingWorks(onPostgres, issued);
            }

            Run again = latchkey(h2, migrate);
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).contains("already holds records");
            migrate[2] = "jdbc:postgresql://127.0.0.1:1/latchkey";
            Run nobodyThere = latchkey(h2, migrate);
            assertThat(nobodyThere.status()).isEqualTo(1);
            assertThat(nobodyThere.err()).contains("cannot open the store").doesNotContain("Exception");
        }
    }

    @Test
    void onPostgresAnExportRunsBesideTheServiceFromOneSnapshot() throws Exception {
        try (EmbeddedPostgresDatabase postgres = new EmbeddedPostgresDatabase()) {
            Map<String, Object> pg = postgres.start();
            try (LatchkeyNode node = new LatchkeyNode(pg, settings())) {
                List<String> before = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    before.add(node.issue()[0]);
                }
                java.util.concurrent.atomic.AtomicBoolean issuing = new java.util.concurrent.atomic.AtomicBoolean(true);
                Thread load = new Thread(() -> {
                    while (issuing.get()) {
                        try {
                            node.issue();
                        } catch (Exception stopped) {
                            return;
                        }
                    }
                });
                load.start();
                Path online = files.resolve("online.jsonl");
                Run exported;
                try {
                    exported = latchkey(pg, "export", "--to", online.toString(), "--with-audit");
                } finally {
                    issuing.set(false);
                    load.join();
                }
                assertThat(exported.status()).as(exported.err()).isZero();
                long tokens = records(online).stream().filter(line -> line.startsWith("{\"kind\":\"token\"")).count();
                assertThat(tokens).isGreaterThanOrEqualTo(before.size());

                // One snapshot: what the file holds loads, every reference in it whole, and works.
                Map<String, Object> h2 = new InMemoryH2Database().start();
                Run imported = latchkey(h2, "import", "--from", online.toString());
                assertThat(imported.status()).as(imported.err()).isZero();
                try (LatchkeyNode restored = new LatchkeyNode(h2, settings())) {
                    for (String token : before) {
                        assertThat(restored.use(token)).isEqualTo(200);
                    }
                }
            }
        }
    }
}
