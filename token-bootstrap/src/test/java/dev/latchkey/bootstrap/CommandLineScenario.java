package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command line on the service's own database, beside the running service: an operator creates a partner and an
 * account, lists and revokes the account's tokens, reads the audit trail, disables and deletes the account. What the
 * command line does, the service sees.
 */
abstract class CommandLineScenario extends ServiceOnTestDatabase {

    private static final Pattern TOKEN_ID = Pattern.compile("\"tokenId\":\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();

    private record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @Test
    void helpAndVersionAnswerWithoutAStore() {
        Run help = latchkey("", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("accounts", "tokens", "partners", "audit");
        assertThat(latchkey("", "--version").out()).startsWith("latchkey 0.");
        for (String command : List.of("accounts", "tokens", "partners", "audit")) {
            Run commandHelp = latchkey("", command, "--help");
            assertThat(commandHelp.status()).as(command).isZero();
            assertThat(commandHelp.out()).as(command).contains("Usage: latchkey " + command);
        }
        assertThat(latchkey("", "tokens", "list", "--statuz", "active").status()).isEqualTo(2);
    }

    @Test
    void anOperatorRunsAnAccountsLifeFromTheCommandLine() throws Exception {
        assertThat(latchkey("", "partners", "create", "--id", "31", "--name", "Acme").status()).isZero();
        Run created = latchkey("ivy's long password\n", "accounts", "create", "--username", "ivy", "--email",
                "ivy@example.com", "--organization", "Blue", "--partner-id", "31");
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.lines().get(1)).startsWith("ivy\tuser\ttrue\tivy@example.com\tBlue\t31\t");
        assertThat(latchkey("", "accounts", "list", "--organization", "Blue").lines()).hasSize(2);
        assertThat(latchkey("", "accounts", "list", "--organization", "Red").lines()).hasSize(1);
        assertThat(latchkey("", "partners", "sign", "31").lines().get(1)).contains("\ttrue\t");
        assertThat(latchkey("", "partners", "list").lines()).anyMatch(line -> line.startsWith("31\tAcme\ttrue"));

        String ivy = EndToEndScenario.basic("ivy", "ivy's long password");
        String first = issue(ivy);
        String second = issue(ivy);
        assertThat(latchkey("", "tokens", "list", "--account", "ivy", "--status", "active").lines()).hasSize(3);
        Run revoked = latchkey("", "tokens", "revoke", first);
        assertThat(revoked.out()).isEqualTo("revoked " + first + "\n");
        assertThat(latchkey("", "tokens", "revoke", first).out()).startsWith("already revoked");
        assertThat(latchkey("", "tokens", "list", "--account", "ivy", "--status", "revoked").lines())
                .hasSize(2).last().asString().startsWith(first);
        assertThat(latchkey("", "tokens", "list", "--account", "ivy", "--expiring-within", "P60D").lines())
                .hasSize(2).last().asString().startsWith(second);

        assertThat(latchkey("", "accounts", "disable", "ivy").status()).isZero();
        assertThat(latchkey("", "tokens", "list", "--account", "ivy", "--status", "active").lines()).hasSize(1);
        assertThat(send("GET", "/api/v1/tokens", ivy).statusCode()).as("a disabled account").isEqualTo(401);
        Run trail = latchkey("", "audit", "--account", "ivy", "--since", "PT1H");
        assertThat(trail.out()).contains("account.created\toperator:command-line", "token.revoked\toperator:command-line",
                "reason=ACCOUNT_DISABLED", "token.issued\taccount:");
        assertThat(latchkey("", "audit", "--type", "partner.changed").lines()).hasSize(2);

        assertThat(latchkey("", "accounts", "delete", "ivy").out()).isEqualTo("deleted ivy\n");
        Run gone = latchkey("", "accounts", "show", "ivy");
        assertThat(gone.status()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("latchkey: no account has this username\n");
    }

    @Test
    void policiesAreSimulatedSetListedAndRemovedFromTheCommandLine() throws Exception {
        assertThat(latchkey("lea's long password\n", "accounts", "create", "--username", "lea", "--organization",
                "Teal").status()).isZero();
        issue(EndToEndScenario.basic("lea", "lea's long password"));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("policy", ".json");
        java.nio.file.Files.writeString(file, "{\"maximumLifetimeSeconds\":86400,\"maximumActiveTokens\":5}");

        Run simulated = latchkey("", "policies", "simulate", "--organization", "Teal", "--file", file.toString());
        assertThat(simulated.status()).isZero();
        assertThat(simulated.lines()).hasSize(2).last().asString().contains("\tlea\tmaximum-lifetime\t");
        assertThat(simulated.err()).isEqualTo("1 of 1 active tokens would break the policy\n");
        assertThat(latchkey("", "policies", "set", "--organization", "Teal", "--file", file.toString()).status())
                .isZero();
        assertThat(latchkey("", "policies", "list").lines()).anyMatch(line ->
                line.startsWith("organization:Teal\t86400s\t86400s\tnone\t5\tany"));
        assertThat(send("POST", "/api/v1/tokens", EndToEndScenario.basic("lea", "lea's long password"))
                .statusCode()).as("issued with the policy's default, which is its maximum").isEqualTo(201);
        assertThat(latchkey("", "policies", "remove", "--organization", "Teal").out()).isEqualTo("removed\n");
        assertThat(latchkey("", "policies", "remove", "--organization", "Teal").status()).isEqualTo(1);

        java.nio.file.Files.writeString(file, "{\"maximumLifetimeSeconds\":\"a day\"}");
        Run bad = latchkey("", "policies", "set", "--file", file.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).startsWith("latchkey: maximumLifetimeSeconds");
        assertThat(latchkey("", "policies", "set", "--file", "/no/such/file.json").status()).isEqualTo(1);
    }

    @Test
    void badInputIsAClearRefusalAndNeverAStackTrace() {
        for (String[] args : List.of(new String[] {"accounts", "show", "nobody"},
                new String[] {"tokens", "revoke", "not-a-token"},
                new String[] {"tokens", "list", "--account", "nobody"},
                new String[] {"partners", "sign", "999"})) {
            Run run = latchkey("", args);
            assertThat(run.status()).as(Arrays.toString(args)).isEqualTo(1);
            assertThat(run.err()).as(Arrays.toString(args)).startsWith("latchkey: ").doesNotContain("Exception", "\tat ");
        }
        for (String[] args : List.of(new String[] {"tokens", "list", "--status", "dormant"},
                new String[] {"tokens", "list", "--unused-for", "ninety days"},
                new String[] {"audit", "--type", "token.exploded"}, new String[] {"audit", "--since", "yesterday"},
                new String[] {"accounts", "create", "--username", "x y"})) {
            Run run = latchkey("a long enough password\n", args);
            assertThat(run.status()).as(Arrays.toString(args)).isEqualTo(2);
            assertThat(run.err()).as(Arrays.toString(args)).startsWith("latchkey: ").doesNotContain("Exception");
        }
        Run noPassword = latchkey("", "accounts", "create", "--username", "quiet");
        assertThat(noPassword.status()).as("no password is misuse, as operations.md says").isEqualTo(2);
        assertThat(noPassword.err()).contains("standard input");
        Run unusedFor = latchkey("", "tokens", "list", "--unused-for", "90days");
        assertThat(unusedFor.err()).as("named as the option, not the API's field").startsWith("latchkey: --unused-for:")
                .doesNotContain("unusedFor");
        Run shortPassword = latchkey("short\n", "accounts", "create", "--username", "quiet");
        assertThat(shortPassword.status()).isEqualTo(2);
        assertThat(shortPassword.err()).doesNotContain("short\n");
    }

    private Run latchkey(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CommandLineContext.run(args, new BufferedReader(new StringReader(input)), new PrintWriter(out),
                new PrintWriter(err), datasource());
        return new Run(status, out.toString(), err.toString());
    }

    private String issue(String authorization) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/tokens", authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = TOKEN_ID.matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node().url() + path))
                .header("Authorization", authorization).method(method, HttpRequest.BodyPublishers.noBody());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
