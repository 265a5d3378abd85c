package dev.latchkey.adapter.rest.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapter.rest.MovableClock;
import dev.latchkey.adapter.rest.outbound.ClientKeySetFetcher;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.SingleUseProofsUseCase;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.SignInSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Assertions bent each way an attacker would bend one, against a client that registered two keys: each bent one is
 * refused with a reason, and only one that holds reaches the single-use record.
 */
class ClientAssertionsTest {

    static final String ISSUER = "https://latchkey.example";
    static final Set<String> AUDIENCES = Set.of(ISSUER, ISSUER + "/oauth2/token");
    private final MovableClock clock = new MovableClock(Instant.now());
    private final ECKey current = generate("current");
    private final ECKey previous = generate("previous");
    private final OAuthClient client = new OAuthClient(ClientId.of("signer"), "signer", ClientType.CONFIDENTIAL,
            Optional.empty(), Optional.empty(), Set.of(GrantType.AUTHORIZATION_CODE), Optional.empty(),
            SignInSettings.none(), new KeySettings(Optional.of(new ClientKeys.Listed(new JWKSet(List.of(
                    current.toPublicJWK(), previous.toPublicJWK())).toString(true))), false), true, Instant.EPOCH);
    private final Set<String> used = new HashSet<>();
    private final ClientAssertions assertions = assertions(client, clock, used);

    static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Assertions checked for {@code client}, whose uses are kept in {@code used}. */
    static ClientAssertions assertions(OAuthClient client, java.time.Clock clock, Set<String> used) {
        AuthenticateClientUseCase clients = mock(AuthenticateClientUseCase.class);
        when(clients.identifySigning(client.id().value()))
                .thenReturn(new AuthenticateClientUseCase.Outcome.Authenticated(client));
        when(clients.identifySigning(org.mockito.ArgumentMatchers.argThat(id -> !client.id().value().equals(id))))
                .thenReturn(new AuthenticateClientUseCase.Outcome.Refused());
        SingleUseProofsUseCase singleUse = new SingleUseProofsUseCase() {
            @Override
            public boolean firstUse(AuthenticateUseCase.Possession proof) {
                throw new AssertionError("not a DPoP proof");
            }

            @Override
            public boolean firstUse(ClientId id, String jti, Instant usableUntil) {
                return used.add(id.value() + " " + jti);
            }
        };
        return new ClientAssertions(clients, singleUse, new ClientKeySets(mock(ClientKeySetFetcher.class), clock),
                clock);
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer("signer").subject("signer").audience(ISSUER + "/oauth2/token")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60)));
    }

    private static String signed(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private ClientAssertions.Outcome check(String assertion) {
        return assertions.check(assertion, AUDIENCES, Optional.empty());
    }

    private String refusal(String assertion) {
        ClientAssertions.Outcome outcome = check(assertion);
        assertThat(outcome).isInstanceOf(ClientAssertions.Outcome.Refused.class);
        return ((ClientAssertions.Outcome.Refused) outcome).reason();
    }

    @Test
    void anAssertionByEitherRegisteredKeyHoldsOnceAndTheKidChoosesTheKey() throws Exception {
        String byCurrent = signed(current, claims().build());

        assertThat(check(byCurrent)).isInstanceOf(ClientAssertions.Outcome.Authenticated.class);
        assertThat(refusal(byCurrent)).contains("used before");
        assertThat(check(signed(previous, claims().build())))
                .isInstanceOf(ClientAssertions.Outcome.Authenticated.class);
        SignedJWT wrongKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("previous").build(),
                claims().build());
        wrongKid.sign(new ECDSASigner(current));
        assertThat(refusal(wrongKid.serialize())).contains("not signed by a key the client registered");
        assertThat(used).hasSize(2);
    }

    @Test
    void eachBentClaimIsRefusedBeforeAnythingIsRecorded() throws Exception {
        Instant now = clock.instant();
        assertThat(refusal(signed(current, claims().subject("other").build()))).contains("iss and sub");
        assertThat(refusal(signed(current, claims().audience("https://elsewhere.example").build()))).contains("aud");
        assertThat(refusal(signed(current, claims().audience(List.of()).build()))).contains("aud");
        assertThat(refusal(signed(current, claims().jwtID(null).build()))).contains("jti");
        assertThat(refusal(signed(current, claims().jwtID("j".repeat(257)).build()))).contains("jti");
        assertThat(refusal(signed(current, claims().expirationTime(null).build()))).contains("exp");
        assertThat(refusal(signed(current, claims().expirationTime(Date.from(now.minusSeconds(31))).build())))
                .contains("expired");
        assertThat(refusal(signed(current, claims().expirationTime(Date.from(now.plus(Duration.ofMinutes(6))))
                .build()))).contains("minutes ahead");
        assertThat(refusal(signed(current, claims().notBeforeTime(Date.from(now.plusSeconds(60))).build())))
                .contains("not valid yet");
        assertThat(refusal(signed(current, claims().issuer("stranger").subject("stranger").build())))
                .isEqualTo("client authentication failed");
        assertThat(assertions.check(signed(current, claims().build()), AUDIENCES, Optional.of("other")))
                .isInstanceOf(ClientAssertions.Outcome.Refused.class);
        assertThat(used).isEmpty();
    }

    @Test
    void noneASharedSecretOrGarbageIsRefused() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));

        assertThat(refusal(new PlainJWT(claims().build()).serialize())).contains("signed JWT");
        assertThat(refusal(hmac.serialize())).contains("alg");
        for (String garbage : new String[] {"", "a.b.c", "x".repeat(9000), null, "eyJhbGciOiJFUzI1NiJ9.e30."}) {
            assertThat(check(garbage)).isInstanceOf(ClientAssertions.Outcome.Refused.class);
        }
        assertThat(used).isEmpty();
    }
}
