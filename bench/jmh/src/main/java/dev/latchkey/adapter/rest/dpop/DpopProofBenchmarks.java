package dev.latchkey.adapter.rest.dpop;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DPoP proof check a bound token's request adds to a bearer one (issue 26, item 5): the whole check of one proof
 * for a resource request, its key already parsed (as it is from the second request of a client on), per algorithm.
 * The proof is made once, so the run stays within its 60-second {@code iat} window.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DpopProofBenchmarks {

    private static final URI SELF = URI.create("https://latchkey.example/api/v1/tokens/self");
    private static final String TOKEN = "lk_" + "a".repeat(52);

    @Param({"ES256", "EdDSA", "RS256"})
    public String algorithm;

    /** The derivation key only makes nonces, which these proofs do not carry: any key serves. */
    private final DpopProofs proofs = new DpopProofs(Clock.systemUTC(),
            DpopNonces.of(salt -> new byte[32], Clock.systemUTC(), false));
    private String proof;

    @Setup
    public void proof() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "GET")
                .claim("htu", SELF.toString()).claim("ath", DpopProofs.tokenHash(TOKEN))
                .issueTime(new Date()).build();
        JOSEObjectType dpop = new JOSEObjectType("dpop+jwt");
        switch (algorithm) {
            case "ES256" -> {
                ECKey key = new ECKeyGenerator(Curve.P_256).generate();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(dpop)
                        .jwk(key.toPublicJWK()).build(), claims);
                jwt.sign(new ECDSASigner(key));
                proof = jwt.serialize();
            }
            case "RS256" -> {
                RSAKey key = new RSAKeyGenerator(2048).generate();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(dpop)
                        .jwk(key.toPublicJWK()).build(), claims);
                jwt.sign(new RSASSASigner(key));
                proof = jwt.serialize();
            }
            default -> {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] encoded = pair.getPublic().getEncoded();
                OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519,
                        Base64URL.encode(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length))).build();
                String signingInput = new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(dpop).jwk(jwk).build()
                        .toBase64URL() + "." + Base64URL.encode(claims.toString());
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initSign(pair.getPrivate());
                ed25519.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                proof = signingInput + "." + Base64URL.encode(ed25519.sign());
            }
        }
        if (!(proofs.check(proof, "GET", SELF, Optional.of(TOKEN)) instanceof DpopProofs.Result.Valid)) {
            throw new IllegalStateException("the benchmark's proof does not hold");
        }
    }

    @Benchmark
    public DpopProofs.Result check() {
        return proofs.check(proof, "GET", SELF, Optional.of(TOKEN));
    }
}
