package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.TokenSecret;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a copy of the database is worth to an attacker who has everything but the master key: the test takes a full
 * copy of the embedded store after a rotation (whose replacement secret is re-derivable from a stored salt and a
 * server key) and a signed JWT, and tries each derivation itself with every reading of every stored key. None may
 * work. The same attempt with the master key must work, which shows the attempt is a real one.
 */
class DatabaseCopyTest {

    private static final String URL_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private static final Pattern FIELD = Pattern.compile("\"(token|tokenId|user-token)\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCopyOfTheStoreWithoutTheMasterKeyYieldsNoUsableKey(@TempDir Path home) throws Exception {
        Path store = home.resolve("data/latchkey");
        String replacement;
        String jwt;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "datasources.default.url", "jdbc:h2:file:" + store + URL_OPTIONS,
                BootstrapAdministrator.USERNAME_PROPERTY, LatchkeyNode.ADMIN,
                BootstrapAdministrator.PASSWORD_PROPERTY, LatchkeyNode.ADMIN_PASSWORD))) {
            String tokenId = fields(send(server, "/api/v1/tokens", "{\"lifetimeSeconds\":3600}", null)).get("tokenId");
            replacement = fields(send(server, "/api/v1/tokens/" + tokenId + "/rotate", "{}", "copy-test-1"))
                    .get("token");
            jwt = fields(send(server, "/ds-api/user-token", null, null)).get("user-token");
        }

        Map<String, String> keys = new LinkedHashMap<>();
        List<byte[]> salts = new ArrayList<>();
        try (Connection copy = DriverManager.getConnection("jdbc:h2:file:" + store + URL_OPTIONS, "sa", "");
             Statement query = copy.createStatement()) {
            try (ResultSet rows = query.executeQuery("SELECT purpose, material FROM server_key")) {
                while (rows.next()) {
                    keys.put(rows.getString(1), rows.getString(2));
                }
            }
            try (ResultSet rows = query.executeQuery("SELECT salt FROM rotation")) {
                while (rows.next()) {
                    salts.add(HexFormat.of().parseHex(rows.getString(1)));
                }
            }
        }
        assertThat(keys).containsKeys("rotation-secret-derivation", "jwt-hs256");
        assertThat(salts).hasSize(1);

        List<byte[]> candidates = keys.values().stream().flatMap(DatabaseCopyTest::readingsOf).toList();
        assertThat(candidates).noneMatch(key -> derivesSecret(key, salts.get(0), replacement))
                .noneMatch(key -> verifiesJwt(key, jwt));

        byte[] masterKey = Base64.getDecoder().decode(
                Files.readString(home.resolve("latchkey-master.key")).strip());
        assertThat(derivesSecret(unwrap(masterKey, keys, "rotation-secret-derivation"), salts.get(0), replacement))
                .as("with the master key, the same attempt re-derives the replacement").isTrue();
        assertThat(verifiesJwt(unwrap(masterKey, keys, "jwt-hs256"), jwt)).isTrue();
    }

    @Test
    void theMasterKeyFileTheDataDirectoryAndItsFilesAreTheOwnersAlone(@TempDir Path home) throws Exception {
        Path store = home.resolve("data/latchkey");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "datasources.default.url", "jdbc:h2:file:" + store + URL_OPTIONS))) {
            assertThat(server.isRunning()).isTrue();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("latchkey-master.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data"))))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(home.resolve("data"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty().allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        }
    }

    /** Every way an attacker might read stored key material: as text, as hex, as base64 of it or of its parts. */
    private static Stream<byte[]> readingsOf(String material) {
        List<byte[]> readings = new ArrayList<>();
        readings.add(material.getBytes(StandardCharsets.UTF_8));
        List<String> parts = new ArrayList<>(Arrays.asList(material.split(":")));
        parts.add(material);
        for (String part : parts) {
            if (part.matches("([0-9a-fA-F]{2})+")) {
                readings.add(HexFormat.of().parseHex(part));
            }
            for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
                try {
                    byte[] decoded = decoder.decode(part);
                    readings.add(decoded);
                    // A key hidden at some offset of a longer blob.
                    for (int offset = 0; offset + 32 <= decoded.length; offset++) {
                        readings.add(Arrays.copyOfRange(decoded, offset, offset + 32));
                    }
                } catch (IllegalArgumentException notBase64) {
                    // not this reading
                }
            }
        }
        return readings.stream();
    }

    private static boolean derivesSecret(byte[] key, byte[] salt, String replacement) {
        return TokenSecret.fromRandomBytes(hmac(key, salt)).reveal().equals(replacement);
    }

    private static boolean verifiesJwt(byte[] key, String jwt) {
        int lastDot = jwt.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1));
        return MessageDigest.isEqual(signature, hmac(key, jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The documented wrapping (docs/security.md): AES-256-GCM, 12-byte nonce first, the purpose as associated data. */
    private static byte[] unwrap(byte[] masterKey, Map<String, String> keys, String purpose) throws Exception {
        byte[] stored = Base64.getDecoder().decode(keys.get(purpose).split(":")[2]);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(masterKey, "AES"),
                new GCMParameterSpec(128, stored, 0, 12));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(stored, 12, stored.length - 12);
    }

    private HttpResponse<String> send(EmbeddedServer server, String path, String json, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        Optional.ofNullable(idempotencyKey).ifPresent(key -> request.header("Idempotency-Key", key));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return response;
    }

    private static Map<String, String> fields(HttpResponse<String> response) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(response.body());
        while (matcher.find()) {
            fields.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return fields;
    }
}
