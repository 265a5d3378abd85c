package dev.latchkey.example.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Offline verification by a separate resource server: Latchkey runs as its own process (its packaged jar, JWT access
 * tokens on); this module's app knows only Latchkey's {@code jwks_uri} and issuer, through micronaut-security-jwt.
 * It accepts the JWTs Latchkey signs and refuses forged ones, and checks the DPoP proofs of bound ones against their
 * {@code cnf.jkt} itself; no Latchkey class is on its classpath.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineVerificationTest {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = "resource-server-test-password";
    private static final Pattern FIELD = Pattern.compile("\"(access_token|clientId|clientSecret)\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private Process latchkey;
    private Path log;
    private String latchkeyUrl;
    private EmbeddedServer resourceServer;

    @BeforeAll
    void start() throws Exception {
        Path jar = Path.of(System.getProperty("latchkey.jar", "../token-bootstrap/target/latchkey.jar"));
        assertThat(jar).as("Latchkey's jar is packaged before this module's tests run").exists();
        int port = freePort();
        latchkeyUrl = "http://localhost:" + port;
        Path directory = Files.createTempDirectory("latchkey-for-resource-server");
        log = directory.resolve("latchkey.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port),
                "LATCHKEY_OAUTH_ACCESS_TOKEN_FORMAT", "jwt", "LATCHKEY_ISSUER", latchkeyUrl,
                "LATCHKEY_BOOTSTRAP_ADMIN_USERNAME", ADMIN, "LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD));
        latchkey = builder.start();
        awaitLatchkey();
        resourceServer = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "latchkey.jwks-uri", latchkeyUrl + "/oauth2/jwks", "latchkey.issuer", latchkeyUrl));
    }

    @AfterAll
    void stop() throws Exception {
        if (resourceServer != null) {
            resourceServer.close();
        }
        if (latchkey != null) {
            latchkey.destroy();
            latchkey.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTokenLatchkeySignedIsAcceptedWithoutAskingLatchkey() throws Exception {
        String token = field(post("/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=" + ADMIN + "&password=" + PASSWORD + "&scope=reports:read"),
                "access_token");

        HttpResponse<String> answer = callResourceServer("Bearer " + token);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"scope\":\"reports:read\"")
                .contains(SignedJWT.parse(token).getJWTClaimsSet().getSubject());
    }

    @Test
    void aServicesOwnTokenNamesTheClient() throws Exception {
        String registered = post("/api/v1/clients", basic(ADMIN, PASSWORD), "application/json",
                "{\"name\":\"billing\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"reports:read\"]}");
        String clientId = field(registered, "clientId");
        String token = field(post("/oauth2/token", basic(clientId, field(registered, "clientSecret")),
                "application/x-www-form-urlencoded", "grant_type=client_credentials"), "access_token");

        HttpResponse<String> answer = callResourceServer("Bearer " + token);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"subject\":\"" + clientId + "\"");
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        String genuine = field(post("/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=" + ADMIN + "&password=" + PASSWORD), "access_token");
        SignedJWT parsed = SignedJWT.parse(genuine);
        JWTClaimsSet widened = new JWTClaimsSet.Builder(parsed.getJWTClaimsSet()).claim("scope", "admin")
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();

        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(parsed.getHeader().getKeyID()).generate();
        SignedJWT otherKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt")).keyID(attacker.getKeyID()).build(), widened);
        otherKey.sign(new ECDSASigner(attacker));
        SignedJWT sharedSecretGuess = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("at+jwt")).keyID(parsed.getHeader().getKeyID()).build(), widened);
        sharedSecretGuess.sign(new MACSigner("a guessed secret of thirty-two bytes!".getBytes(StandardCharsets.UTF_8)));
        String[] parts = genuine.split("\\.");
        String alteredPayload = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                widened.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(callResourceServer("Bearer " + genuine).statusCode()).as("control").isEqualTo(200);
        assertThat(callResourceServer("Bearer " + otherKey.serialize()).statusCode()).isEqualTo(401);
        assertThat(callResourceServer("Bearer " + sharedSecretGuess.serialize()).statusCode()).isEqualTo(401);
        assertThat(callResourceServer("Bearer " + new PlainJWT(widened).serialize()).statusCode()).isEqualTo(401);
        assertThat(callResourceServer("Bearer " + alteredPayload).statusCode()).isEqualTo(401);
        assertThat(callResourceServer(null).statusCode()).isEqualTo(401);
    }

    @Test
    void aDpopBoundTokenIsAcceptedOnlyWithAFreshProofByItsKeyCheckedHereAgainstCnfJkt() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        DPoPProofFactory proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        String token = field(postWithProof("/oauth2/token", proofs.createDPoPJWT("POST",
                URI.create(latchkeyUrl + "/oauth2/token")).serialize(), "grant_type=password&username=" + ADMIN
                + "&password=" + PASSWORD + "&scope=reports:read"), "access_token");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .containsEntry("jkt", key.computeThumbprint().toString());
        URI reports = URI.create(resourceServer.getURL() + "/reports");
        DPoPAccessToken bound = new DPoPAccessToken(token);
        String proof = proofs.createDPoPJWT("GET", reports, bound).serialize();

        HttpResponse<String> accepted = callResourceServer("DPoP " + token, proof);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"scope\":\"reports:read\"");

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("the same proof again", proof);
        refused.put("another key's proof", new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(),
                JWSAlgorithm.ES256).createDPoPJWT("GET", reports, bound).serialize());
        refused.put("another method", proofs.createDPoPJWT("POST", reports, bound).serialize());
        refused.put("another URL", proofs.createDPoPJWT("GET", URI.create(resourceServer.getURL() + "/admin"), bound)
                .serialize());
        refused.put("another token's hash", proofs.createDPoPJWT("GET", reports, new DPoPAccessToken(token + "x"))
                .serialize());
        refused.put("made two minutes ago", proofs.createDPoPJWT(new JWTID(), "GET", reports,
                new Date(System.currentTimeMillis() - 120_000), bound).serialize());
        for (Map.Entry<String, String> bent : refused.entrySet()) {
            HttpResponse<String> answer = callResourceServer("DPoP " + token, bent.getValue());
            assertThat(answer.statusCode()).as(bent.getKey()).isEqualTo(401);
            assertThat(answer.headers().allValues("WWW-Authenticate")).as(bent.getKey()).anySatisfy(challenge ->
                    assertThat(challenge).contains("DPoP algs=\"ES256 RS256 PS256\""));
        }
        assertThat(callResourceServer("Bearer " + token).statusCode()).as("the bound token as Bearer")
                .isEqualTo(401);
        assertThat(callResourceServer("DPoP " + token, null).statusCode()).as("without a proof").isEqualTo(401);

        String bearer = field(post("/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=" + ADMIN + "&password=" + PASSWORD), "access_token");
        assertThat(callResourceServer("DPoP " + bearer, proofs.createDPoPJWT("GET", reports,
                new DPoPAccessToken(bearer)).serialize()).statusCode()).as("a bearer token as DPoP").isEqualTo(401);
        assertThat(callResourceServer("DPoP " + token, proofs.createDPoPJWT("GET", reports, bound).serialize())
                .statusCode()).as("a fresh proof").isEqualTo(200);
    }

    private String postWithProof(String path, String proof, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(latchkeyUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("DPoP", proof)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> callResourceServer(String authorization, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resourceServer.getURL() + "/reports"))
                .header("Authorization", authorization);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> callResourceServer(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resourceServer.getURL() + "/reports"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String post(String path, String authorization, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(latchkeyUrl + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError("no " + name + " in " + json);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void awaitLatchkey() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(latchkey.isAlive()).as("Latchkey exited; see %s", log).isTrue();
            try {
                HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(
                        URI.create(latchkeyUrl + "/.well-known/oauth-authorization-server")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (metadata.statusCode() == 200) {
                    assertThat(metadata.body()).contains("\"jwks_uri\":\"" + latchkeyUrl + "/oauth2/jwks\"");
                    return;
                }
            } catch (IOException notYetListening) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("Latchkey did not start within 90 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
