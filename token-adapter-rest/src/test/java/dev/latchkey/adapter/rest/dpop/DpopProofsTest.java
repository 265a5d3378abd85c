package dev.latchkey.adapter.rest.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.latchkey.adapter.rest.DerivationKeyForTests;
import dev.latchkey.adapter.rest.MovableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DPoP proofs made by Nimbus's {@code DPoPProofFactory} (and, for EdDSA, by the JDK), checked against each way an
 * attacker would bend one: every bent proof is refused with a reason, and no check throws.
 */
class DpopProofsTest {

    private static final URI TOKEN_ENDPOINT = URI.create("https://latchkey.example/oauth2/token");
    private static final URI SELF = URI.create("https://latchkey.example/api/v1/tokens/self");
    private final MovableClock clock = new MovableClock(Instant.now());
    private final DpopProofs proofs = new DpopProofs(clock, DpopNonces.of(DerivationKeyForTests.hmac(), clock, false));
    private final ECKey ecKey = generateEc();

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        } catch (com.nimbusds.jose.JOSEException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String nimbusProof(JWK key, JWSAlgorithm algorithm, String method, URI uri, String token)
            throws Exception {
        DPoPProofFactory factory = new DefaultDPoPProofFactory(key, algorithm);
        return (token == null ? factory.createDPoPJWT(method, uri)
                : factory.createDPoPJWT(method, uri, new DPoPAccessToken(token))).serialize();
    }

    private static DpopProofs.Result.Invalid refused(DpopProofs.Result result) {
        assertThat(result).isInstanceOf(DpopProofs.Result.Invalid.class);
        return (DpopProofs.Result.Invalid) result;
    }

    @Test
    void aNimbusProofForTheTokenEndpointHoldsAndNamesItsKeysThumbprint() throws Exception {
        String proof = nimbusProof(ecKey, JWSAlgorithm.ES256, "POST", TOKEN_ENDPOINT, null);

        DpopProofs.Result result = proofs.check(proof, "POST", URI.create("https://LATCHKEY.example:443/oauth2/token"
                + "?ignored=yes"), Optional.empty());

        String expected = thumbprint(ecKey);
        assertThat(result).isInstanceOfSatisfying(DpopProofs.Result.Valid.class, valid -> {
            assertThat(valid.thumbprint()).isEqualTo(expected);
            assertThat(valid.jti()).isNotBlank();
            assertThat(valid.usableUntil()).isAfter(valid.issuedAt());
        });
    }

    @Test
    void rsaAndPssProofsHoldWithAKeyOfAtLeast2048Bits() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        for (JWSAlgorithm algorithm : new JWSAlgorithm[] {JWSAlgorithm.RS256, JWSAlgorithm.PS256}) {
            assertThat(proofs.check(nimbusProof(rsa, algorithm, "GET", SELF, "lk_token"), "GET", SELF,
                    Optional.of("lk_token"))).as(algorithm.getName()).isInstanceOf(DpopProofs.Result.Valid.class);
        }
        RSAKey small = new RSAKeyGenerator(1024, true).generate();
        String header = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("typ", "dpop+jwt", "alg",
                "RS256", "jwk", small.toPublicJWK().toJSONObject()));
        String signingInput = Base64URL.encode(header) + "." + Base64URL.encode(claims("GET", SELF).toString());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(small.toRSAPrivateKey());
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String weak = signingInput + "." + Base64URL.encode(rs256.sign());
        assertThat(refused(proofs.check(weak, "GET", SELF, Optional.empty())).reason()).contains("jwk does not fit");
    }

    @Test
    void anEd25519ProofMadeWithTheJdkHolds() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length))).build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("dpop+jwt")).jwk(jwk)
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "GET")
                .claim("htu", SELF.toString()).issueTime(Date.from(clock.instant())).build();
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(pair.getPrivate());
        ed25519.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String proof = signingInput + "." + Base64URL.encode(ed25519.sign());

        String expected = thumbprint(jwk);
        assertThat(proofs.check(proof, "GET", SELF, Optional.empty()))
                .isInstanceOfSatisfying(DpopProofs.Result.Valid.class, valid ->
                        assertThat(valid.thumbprint()).isEqualTo(expected));
        String tampered = proof.substring(0, proof.lastIndexOf('.') + 1) + Base64URL.encode(new byte[64]);
        assertThat(refused(proofs.check(tampered, "GET", SELF, Optional.empty())).reason()).contains("signature");
    }

    @Test
    void aProofSignedByAnotherKeyThanTheOneItCarriesIsRefused() throws Exception {
        ECKey other = generateEc();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("dpop+jwt")).jwk(ecKey.toPublicJWK()).build(), claims("POST", TOKEN_ENDPOINT));
        forged.sign(new ECDSASigner(other));

        assertThat(refused(proofs.check(forged.serialize(), "POST", TOKEN_ENDPOINT, Optional.empty())).reason())
                .contains("signature");
    }

    @Test
    void aWrongMethodOrUriIsRefusedAndQueryAndFragmentAreNotCompared() throws Exception {
        String proof = nimbusProof(ecKey, JWSAlgorithm.ES256, "POST", TOKEN_ENDPOINT, null);

        assertThat(refused(proofs.check(proof, "GET", TOKEN_ENDPOINT, Optional.empty())).reason()).contains("htm");
        for (String elsewhere : new String[] {"https://latchkey.example/oauth2/token/", "http://latchkey.example/oauth2/token",
                "https://evil.example/oauth2/token", "https://latchkey.example:8443/oauth2/token",
                "https://latchkey.example/oauth2/introspect"}) {
            assertThat(refused(proofs.check(proof, "POST", URI.create(elsewhere), Optional.empty())).reason())
                    .as(elsewhere).contains("htu");
        }
        assertThat(proofs.check(proof, "POST", URI.create(TOKEN_ENDPOINT + "?a=b#c"), Optional.empty()))
                .isInstanceOf(DpopProofs.Result.Valid.class);
    }

    @Test
    void aProofOutsideItsIatWindowIsRefusedEitherWay() throws Exception {
        String proof = nimbusProof(ecKey, JWSAlgorithm.ES256, "POST", TOKEN_ENDPOINT, null);

        clock.advance(Duration.ofSeconds(61));
        assertThat(refused(proofs.check(proof, "POST", TOKEN_ENDPOINT, Optional.empty())).reason()).contains("iat");
        clock.advance(Duration.ofSeconds(-122));
        assertThat(refused(proofs.check(proof, "POST", TOKEN_ENDPOINT, Optional.empty())).reason()).contains("iat");
        clock.advance(Duration.ofSeconds(61));
        assertThat(proofs.check(proof, "POST", TOKEN_ENDPOINT, Optional.empty()))
                .isInstanceOf(DpopProofs.Result.Valid.class);
    }

    @Test
    void aProofForAResourceMustCarryTheHashOfThePresentedToken() throws Exception {
        String proof = nimbusProof(ecKey, JWSAlgorithm.ES256, "GET", SELF, "lk_the-token");

        assertThat(proofs.check(proof, "GET", SELF, Optional.of("lk_the-token")))
                .isInstanceOf(DpopProofs.Result.Valid.class);
        assertThat(refused(proofs.check(proof, "GET", SELF, Optional.of("lk_another-token"))).reason())
                .contains("ath");
        String withoutAth = nimbusProof(ecKey, JWSAlgorithm.ES256, "GET", SELF, null);
        assertThat(refused(proofs.check(withoutAth, "GET", SELF, Optional.of("lk_the-token"))).reason())
                .contains("ath");
    }

    @Test
    void noneASharedSecretAWrongTypeAPrivateKeyOrNoKeyAreRefused() throws Exception {
        JWTClaimsSet claims = claims("POST", TOKEN_ENDPOINT);
        String unsigned = new PlainJWT(new com.nimbusds.jose.PlainHeader.Builder()
                .type(new JOSEObjectType("dpop+jwt")).build(), claims).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt"))
                .build(), claims);
        hmac.sign(new MACSigner(new byte[32]));
        SignedJWT wrongType = signed(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .jwk(ecKey.toPublicJWK()).build(), claims);
        SignedJWT noKey = signed(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .build(), claims);
        String privateKey = withHeader(Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", ecKey.toJSONObject()),
                claims);

        assertThat(refused(proofs.check(unsigned, "POST", TOKEN_ENDPOINT, Optional.empty())).reason())
                .contains("signed JWT");
        assertThat(refused(proofs.check(hmac.serialize(), "POST", TOKEN_ENDPOINT, Optional.empty())).reason())
                .contains("alg");
        assertThat(refused(proofs.check(wrongType.serialize(), "POST", TOKEN_ENDPOINT, Optional.empty())).reason())
                .contains("typ");
        assertThat(refused(proofs.check(noKey.serialize(), "POST", TOKEN_ENDPOINT, Optional.empty())).reason())
                .contains("jwk");
        assertThat(proofs.check(privateKey, "POST", TOKEN_ENDPOINT, Optional.empty()))
                .isInstanceOf(DpopProofs.Result.Invalid.class);
    }

    @Test
    void aMissingJtiAGarbageOrAnOverlongProofIsRefused() throws Exception {
        SignedJWT noJti = signed(dpopHeader(), new JWTClaimsSet.Builder().claim("htm", "POST")
                .claim("htu", TOKEN_ENDPOINT.toString()).issueTime(Date.from(clock.instant())).build());

        assertThat(refused(proofs.check(noJti.serialize(), "POST", TOKEN_ENDPOINT, Optional.empty())).reason())
                .contains("jti");
        for (String garbage : new String[] {"", "x", "a.b.c", "eyJhbGciOiJFUzI1NiJ9..", "x".repeat(9000), null}) {
            assertThat(proofs.check(garbage, "POST", TOKEN_ENDPOINT, Optional.empty()))
                    .isInstanceOf(DpopProofs.Result.Invalid.class);
        }
    }

    @Test
    void whereNoncesAreRequiredAProofWithoutOneIsToldTheNonceAndAProofWithItHolds() throws Exception {
        DpopNonces required = DpopNonces.of(DerivationKeyForTests.hmac(), clock, true);
        DpopProofs strict = new DpopProofs(clock, required);
        DPoPProofFactory factory = new DefaultDPoPProofFactory(ecKey, JWSAlgorithm.ES256);

        DpopProofs.Result first = strict.check(factory.createDPoPJWT("POST", TOKEN_ENDPOINT).serialize(), "POST",
                TOKEN_ENDPOINT, Optional.empty());

        assertThat(first).isInstanceOf(DpopProofs.Result.NonceNeeded.class);
        String nonce = ((DpopProofs.Result.NonceNeeded) first).nonce();
        assertThat(nonce).isEqualTo(strict.nextNonce()).hasSize(32);
        assertThat(strict.check(factory.createDPoPJWT("POST", TOKEN_ENDPOINT, new Nonce(nonce)).serialize(), "POST",
                TOKEN_ENDPOINT, Optional.empty())).isInstanceOf(DpopProofs.Result.Valid.class);
        assertThat(strict.check(factory.createDPoPJWT("GET", SELF, new DPoPAccessToken("lk_t"), new Nonce(nonce))
                .serialize(), "GET", SELF, Optional.of("lk_t"))).isInstanceOf(DpopProofs.Result.Valid.class);
    }

    @Test
    void aNonceIsAcceptedInItsSlotAndTheNextOnAnyNodeWithTheSameKeyAndNeverForgedOrOld() throws Exception {
        DpopNonces issuing = DpopNonces.of(DerivationKeyForTests.hmac(), clock, true);
        DpopNonces otherNode = DpopNonces.of(DerivationKeyForTests.hmac(), clock, true);
        DpopNonces otherInstallation = DpopNonces.of(salt -> new byte[32], clock, true);
        String nonce = issuing.current();

        assertThat(otherNode.accepts(nonce)).isTrue();
        assertThat(otherInstallation.accepts(nonce)).isFalse();
        clock.advance(DpopNonces.SLOT);
        assertThat(otherNode.accepts(nonce)).as("the slot after").isTrue();
        assertThat(issuing.current()).isNotEqualTo(nonce);
        clock.advance(DpopNonces.SLOT);
        assertThat(otherNode.accepts(nonce)).as("two slots after").isFalse();
        byte[] forged = java.util.Base64.getUrlDecoder().decode(issuing.current());
        forged[forged.length - 1] ^= 1;
        for (String bent : new String[] {java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged),
                "", "x".repeat(32), issuing.current() + "A", "*".repeat(32), null}) {
            assertThat(issuing.accepts(bent)).as(String.valueOf(bent)).isFalse();
        }
    }

    @Test
    void aNonceThatIsSentIsCheckedEvenWhereNoncesAreNotRequired() throws Exception {
        DPoPProofFactory factory = new DefaultDPoPProofFactory(ecKey, JWSAlgorithm.ES256);

        assertThat(proofs.check(factory.createDPoPJWT("POST", TOKEN_ENDPOINT).serialize(), "POST", TOKEN_ENDPOINT,
                Optional.empty())).isInstanceOf(DpopProofs.Result.Valid.class);
        assertThat(proofs.check(factory.createDPoPJWT("POST", TOKEN_ENDPOINT, new Nonce("made-up")).serialize(),
                "POST", TOKEN_ENDPOINT, Optional.empty())).isInstanceOf(DpopProofs.Result.NonceNeeded.class);
        assertThat(proofs.check(factory.createDPoPJWT("POST", TOKEN_ENDPOINT, new Nonce(proofs.nextNonce()))
                .serialize(), "POST", TOKEN_ENDPOINT, Optional.empty())).isInstanceOf(DpopProofs.Result.Valid.class);
    }

    private JWTClaimsSet claims(String method, URI uri) {
        return new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", method)
                .claim("htu", uri.toString()).issueTime(Date.from(clock.instant())).build();
    }

    private JWSHeader dpopHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(ecKey.toPublicJWK()).build();
    }

    private SignedJWT signed(JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(ecKey));
        return jwt;
    }

    /** A proof with a header written as given, which Nimbus's builder would not write (a private key in it). */
    private String withHeader(Map<String, Object> header, JWTClaimsSet claims) throws Exception {
        String signingInput = Base64URL.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(header)) + "."
                + Base64URL.encode(claims.toString());
        java.security.Signature es256 = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(ecKey.toECPrivateKey());
        es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64URL.encode(es256.sign());
    }

    private static String thumbprint(JWK key) throws Exception {
        return key.computeThumbprint().toString();
    }
}
