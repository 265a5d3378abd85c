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
 * the token endpoint with a proof, and proofs for GET /self by that key, each with its own jti, signed ahead so that
 * the load generator spends nothing on signing during the measurement and the server's rate is what is measured.
 * JDK only (a single-file program: java DpopProofMaker.java …).
 *
 * Arguments: latchkey-url admin-password algorithm(ES256|EdDSA) warm-up-proofs measured-proofs warm-up-seconds
 * measure-seconds out-dir. Writes out-dir/token and out-dir/warm (one proof per line), then, while the warm-up runs,
 * out-dir/measure; each file appears whole.
 */
public final class DpopProofMaker {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String password = args[1];
        String algorithm = args[2];
        int warm = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        long warmSeconds = Long.parseLong(args[5]);
        long measureSeconds = Long.parseLong(args[6]);
        Path out = Path.of(args[7]);
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

        // Signing takes a while, so the proofs for the measurement are signed while the warm-up runs on the first
        // ones (which it may slow: the warm-up only has to warm). Each batch carries one iat, chosen so that it is
        // within the server's 60 s window for the whole time its batch is sent.
        long started = System.nanoTime();
        proofs(header, pair.getPrivate(), algorithm, url, ath, 0, 1_000);
        double perProof = (System.nanoTime() - started) / 1_000.0;
        long warmSigning = (long) Math.ceil(perProof * warm / 2 / 1e9);
        long firstUse = Instant.now().getEpochSecond() + warmSigning;
        if (warmSigning > 45) {
            throw new IllegalStateException("signing " + warm + " proofs takes about " + warmSigning + " s: ask for "
                    + "fewer, or run the maker on a faster JVM (MAKER_JAVA)");
        }
        System.out.printf("  %s: signing %d proofs for the warm-up, about %d s (%.0f us each), then %d for the "
                + "measurement while it runs%n", algorithm, warm, warmSigning, perProof / 1000, measured);
        Files.writeString(out.resolve("token"), access);
        Files.write(out.resolve("warm.part"), Arrays.asList(proofs(header, pair.getPrivate(), algorithm, url, ath,
                firstUse + 20, warm)));
        Files.move(out.resolve("warm.part"), out.resolve("warm"));
        Files.write(out.resolve("measure.part"), Arrays.asList(proofs(header, pair.getPrivate(), algorithm, url, ath,
                firstUse + warmSeconds + measureSeconds / 2, measured)));
        Files.move(out.resolve("measure.part"), out.resolve("measure"));
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
