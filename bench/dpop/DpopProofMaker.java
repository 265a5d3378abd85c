import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes what bench/dpop.sh drives /api/v1/tokens/self with: a token bound to a new key (ES256 or EdDSA), obtained at
 * the token endpoint with a proof, and proofs for GET /self by that key, each with its own jti, signed ahead of the
 * run so that the load generator spends nothing on signing and the server's rate is what is measured. Every proof
 * carries one iat, set so that all of them fall within the server's 60 s window for the whole run that follows. JDK
 * only (a single-file program: java DpopProofMaker.java …).
 *
 * Arguments: latchkey-url admin-password algorithm(ES256|EdDSA) warm-up-proofs measured-proofs run-seconds out-dir
 * Writes out-dir/token, out-dir/warm, out-dir/measure (one proof per line).
 */
public final class DpopProofMaker {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String password = args[1];
        String algorithm = args[2];
        int warm = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        int runSeconds = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);
        KeyPair pair = algorithm.equals("ES256") ? ec() : KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"" + algorithm + "\",\"jwk\":" + jwk(pair) + "}";

        String tokenProof = sign(header, "{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"POST\",\"htu\":\"" + url
                + "/oauth2/token\",\"iat\":" + Instant.now().getEpochSecond() + "}", pair.getPrivate(), algorithm);
        HttpResponse<String> issued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                        + "/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", tokenProof).POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username="
                        + "admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                        + "&scope=reports:read")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(issued.body());
        if (issued.statusCode() != 200 || !issued.body().contains("\"token_type\":\"DPoP\"") || !token.find()) {
            throw new IllegalStateException("no bound token: " + issued.statusCode() + " " + issued.body());
        }
        String access = token.group(1);
        String ath = B64.encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(access.getBytes(StandardCharsets.US_ASCII)));

        // Signing takes a while: the iat every proof carries is chosen so that the first proof is still within the
        // window when the last is made, and the last still within it when the run ends.
        long started = System.nanoTime();
        proofs(header, pair.getPrivate(), algorithm, url, ath, 0, 2_000);
        double perProof = (System.nanoTime() - started) / 2_000.0;
        long signingSeconds = (long) Math.ceil(perProof * (warm + measured) / 2 / 1e9);
        long iat = Instant.now().getEpochSecond() + Math.max(0, signingSeconds + runSeconds - 55);
        if (signingSeconds + runSeconds > 110) {
            throw new IllegalStateException("signing " + (warm + measured) + " proofs takes about " + signingSeconds
                    + " s; with a " + runSeconds + " s run, no iat fits the server's 60 s window: ask for fewer");
        }
        System.out.printf("  %s: signing %d proofs, about %d s (%.0f us each)%n", algorithm, warm + measured,
                signingSeconds, perProof / 1000);
        Files.writeString(out.resolve("token"), access);
        Files.write(out.resolve("warm"), Arrays.asList(proofs(header, pair.getPrivate(), algorithm, url, ath, iat,
                warm)));
        Files.write(out.resolve("measure"), Arrays.asList(proofs(header, pair.getPrivate(), algorithm, url, ath, iat,
                measured)));
    }

    private static String[] proofs(String header, PrivateKey key, String algorithm, String url, String ath, long iat,
                                   int count) throws Exception {
        String[] proofs = new String[count];
        ExecutorService signers = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] halves = new Future<?>[2];
            for (int half = 0; half < 2; half++) {
                int first = half;
                halves[half] = signers.submit(() -> {
                    for (int index = first; index < count; index += 2) {
                        proofs[index] = sign(header, "{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"GET\",\"htu\":\""
                                + url + "/api/v1/tokens/self\",\"iat\":" + iat + ",\"ath\":\"" + ath + "\"}", key,
                                algorithm);
                    }
                    return null;
                });
            }
            for (Future<?> half : halves) {
                half.get();
            }
        } finally {
            signers.shutdown();
        }
        return proofs;
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String jwk(KeyPair pair) {
        if (pair.getPublic() instanceof ECPublicKey ec) {
            return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coordinate(ec.getW().getAffineX()) + "\",\"y\":\""
                    + coordinate(ec.getW().getAffineY()) + "\"}";
        }
        byte[] encoded = pair.getPublic().getEncoded();
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + B64.encodeToString(Arrays.copyOfRange(encoded,
                encoded.length - 32, encoded.length)) + "\"}";
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return B64.encodeToString(fixed);
    }

    private static String sign(String header, String claims, PrivateKey key, String algorithm) {
        try {
            String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance(algorithm.equals("ES256") ? "SHA256withECDSAinP1363Format"
                    : "Ed25519");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
