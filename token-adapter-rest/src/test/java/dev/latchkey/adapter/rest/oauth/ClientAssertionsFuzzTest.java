package dev.latchkey.adapter.rest.oauth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.latchkey.adapter.rest.outbound.ClientKeySetFetcher;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.SignInSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.mockito.Mockito;

/**
 * Client assertions and registered key sets: any assertion is checked or refused, never thrown on, and never
 * accepted unless signed; any key set offered at registration is taken or refused as invalid, never thrown on.
 */
class ClientAssertionsFuzzTest {

    private static final OAuthClient SIGNER = new OAuthClient(ClientId.of("signer"), "signer",
            ClientType.CONFIDENTIAL, Optional.empty(), Optional.empty(), Set.of(GrantType.AUTHORIZATION_CODE),
            Optional.empty(), SignInSettings.none(), new KeySettings(Optional.of(new ClientKeys.Listed(new JWKSet(
                    ClientAssertionsTest.generate("k").toPublicJWK()).toString(true))), false), true, Instant.EPOCH);
    private final ClientAssertions assertions = ClientAssertionsTest.assertions(SIGNER, Clock.systemUTC(),
            new HashSet<>());
    private final ClientKeySets keySets = new ClientKeySets(Mockito.mock(ClientKeySetFetcher.class),
            Clock.systemUTC());

    @FuzzTest(maxDuration = "60s")
    void anyAssertionIsCheckedOrRefused(FuzzedDataProvider data) {
        Optional<String> postedId = data.consumeBoolean() ? Optional.of(data.consumeString(16)) : Optional.empty();
        ClientAssertions.Outcome outcome = assertions.check(data.consumeRemainingAsString(),
                ClientAssertionsTest.AUDIENCES, postedId);
        if (outcome instanceof ClientAssertions.Outcome.Authenticated) {
            throw new AssertionError("an assertion the fuzzer made was accepted without the client's key");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyKeySetIsRegisteredOrRefused(FuzzedDataProvider data) {
        try {
            keySets.registrable(JSONObjectUtils.parse(data.consumeRemainingAsString()));
        } catch (java.text.ParseException | InvalidValueException refused) {
            // Not JSON, or not a key set a client may register: both are answers.
        }
    }
}
