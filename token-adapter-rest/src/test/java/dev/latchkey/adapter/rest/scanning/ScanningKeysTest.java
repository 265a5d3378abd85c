package dev.latchkey.adapter.rest.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.rest.MovableClock;
import dev.latchkey.adapter.rest.outbound.OutboundDestinations;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's keys and signatures, and when the key list is fetched, against a scanner of our own on loopback. */
class ScanningKeysTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static ApplicationContext context;
    private static JsonMapper json;
    private static GitHubScanner scanner;

    @BeforeAll
    static void start() throws Exception {
        context = ApplicationContext.builder().deduceEnvironment(false).start();
        json = context.getBean(JsonMapper.class);
        scanner = new GitHubScanner();
    }

    @AfterAll
    static void stop() {
        scanner.close();
        context.close();
    }

    private ScanningKeys keys() {
        return ScanningKeys.of(List.of(new ScanningKeys.PublishedKey(GitHubScanner.KEY_IDENTIFIER,
                scanner.pem(), true)));
    }

    @Test
    void aSignatureIsGitHubsOnlyOverExactlyTheBytesItSigned() throws Exception {
        byte[] body = "[{\"token\":\"lk_x\",\"type\":\"t\",\"url\":\"\",\"source\":\"content\"}]"
                .getBytes(StandardCharsets.UTF_8);
        String signature = scanner.sign(body);
        ScanningKeys keys = keys();

        assertThat(keys.verify(GitHubScanner.KEY_IDENTIFIER, body, signature)).isTrue();
        byte[] flipped = body.clone();
        flipped[5] ^= 1;
        assertThat(keys.verify(GitHubScanner.KEY_IDENTIFIER, flipped, signature)).isFalse();
        assertThat(keys.verify("another-identifier", body, signature)).isFalse();
        for (String bad : List.of("", "not base64!", Base64.getEncoder().encodeToString(new byte[70]),
                scanner.sign("other".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(keys.verify(GitHubScanner.KEY_IDENTIFIER, body, bad)).as(bad).isFalse();
        }
    }

    @Test
    void onlyP256KeysAreTaken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        String p384 = "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(
                generator.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";

        ScanningKeys keys = ScanningKeys.of(List.of(new ScanningKeys.PublishedKey("p384", p384, true),
                new ScanningKeys.PublishedKey("garbage", "-----BEGIN PUBLIC KEY-----\nAAAA\n", false),
                new ScanningKeys.PublishedKey(null, p384, true)));

        assertThat(keys.size()).isZero();
    }

    @Test
    void theListIsFetchedOnceADayAndForAnUnknownIdentifierAtMostOnceAMinute() {
        MovableClock clock = new MovableClock(NOW);
        GitHubScanningKeySource source = new GitHubScanningKeySource(scanner.keysUrl(), Optional.empty(),
                GitHubScanningKeySource.FETCHED_AT_MOST_EVERY, new OutboundDestinations(true), json, clock);
        int before = scanner.fetches();

        assertThat(source.keysFor(GitHubScanner.KEY_IDENTIFIER).knows(GitHubScanner.KEY_IDENTIFIER)).isTrue();
        source.keysFor(GitHubScanner.KEY_IDENTIFIER);
        assertThat(scanner.fetches() - before).as("known: kept").isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        source.keysFor("forged-1");
        source.keysFor("forged-2");
        assertThat(scanner.fetches() - before).as("unknown: fetched again, once a minute at most").isEqualTo(2);

        clock.advance(GitHubScanningKeySource.FRESH_FOR);
        source.keysFor(GitHubScanner.KEY_IDENTIFIER);
        assertThat(scanner.fetches() - before).as("a day old: fetched again").isEqualTo(3);
    }

    @Test
    void anInternalKeyUrlIsRefusedBeforeAnyConnectionUnlessAllowed() {
        int before = scanner.fetches();
        GitHubScanningKeySource source = new GitHubScanningKeySource(scanner.keysUrl(), Optional.empty(),
                GitHubScanningKeySource.FETCHED_AT_MOST_EVERY, new OutboundDestinations(false), json,
                new MovableClock(NOW));

        assertThat(source.keysFor(GitHubScanner.KEY_IDENTIFIER).size()).isZero();
        assertThat(scanner.fetches()).as("no request reached the server").isEqualTo(before);
    }

    @Test
    void aKeyFileServesAnInstallationWithoutInternet(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys.json");
        Files.writeString(file, scanner.keyList());
        GitHubScanningKeySource source = new GitHubScanningKeySource(java.net.URI.create("https://unused.invalid/"),
                Optional.of(file), GitHubScanningKeySource.FETCHED_AT_MOST_EVERY, new OutboundDestinations(false), json,
                new MovableClock(NOW));

        assertThat(source.keysFor(GitHubScanner.KEY_IDENTIFIER).knows(GitHubScanner.KEY_IDENTIFIER)).isTrue();
    }

    @Test
    void destinationsThatReachInsideAreRecognised() throws Exception {
        for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "224.0.0.1")) {
            assertThat(OutboundDestinations.isInternal(java.net.InetAddress.getByName(internal)))
                    .as(internal).isTrue();
        }
        for (String external : List.of("140.82.112.3", "8.8.8.8", "2606:4700::1111")) {
            assertThat(OutboundDestinations.isInternal(java.net.InetAddress.getByName(external)))
                    .as(external).isFalse();
        }
        OutboundDestinations strict = new OutboundDestinations(false);
        assertThat(strict.refusal(java.net.URI.create("file:///etc/passwd"))).isPresent();
        assertThat(strict.refusal(java.net.URI.create("https://user:pw@example.com/"))).isPresent();
        assertThat(strict.refusal(java.net.URI.create("http://127.0.0.1:8080/"))).isPresent();
        assertThat(strict.refusal(java.net.URI.create("http://[::1]/"))).isPresent();
    }

    @Test
    void aKeyUrlIsLoggedWithoutUserInformationOrQuery() {
        assertThat(GitHubScanningKeySource.shown(java.net.URI.create(
                "https://user:secret@keys.example:8443/meta/keys?access_token=abc#x")))
                .isEqualTo("https://keys.example:8443/meta/keys");
    }
}
