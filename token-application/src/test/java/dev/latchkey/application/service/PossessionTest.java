package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase.Outcome;
import dev.latchkey.application.port.in.AuthenticateUseCase.Possession;
import dev.latchkey.application.port.in.AuthenticateUseCase.PresentedToken;
import dev.latchkey.application.port.in.AuthenticateUseCase.Reason;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenSecret;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A token bound to a key is accepted only with a proof by that key, each proof once; a bearer token takes none. */
class PossessionTest {

    private static final KeyThumbprint KEY = KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    private static final KeyThumbprint OTHER_KEY = KeyThumbprint.of("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");

    private final ServiceFixture fixture = new ServiceFixture();
    private final Account alice = fixture.account("alice", "alice-password");
    private final AuthenticateUseCase authenticate = fixture.services.authenticate();

    private String stored(Optional<KeyThumbprint> key) {
        String credential = TokenSecret.fromRandomBytes(fixture.randomness.nextBytes(TokenSecret.RANDOM_BYTES))
                .reveal();
        Token token = Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(fixture.randomness.nextBytes(16)),
                alice.id(), TokenDescription.of("bound"), Scopes.of("read"),
                Expiry.at(ServiceFixture.START.plus(Duration.ofDays(1)))).withProofKey(key), ServiceFixture.START,
                SecretHash.of(credential)).token();
        fixture.tokens.saveNew(token, AuditEvent.of(ServiceFixture.START, AuditEventType.TOKEN_ISSUED,
                dev.latchkey.domain.Actor.account(alice.id()), Optional.of(alice.id()), Optional.of(token.id()), ""));
        return credential;
    }

    private Outcome present(String credential, Optional<Possession> possession) {
        return authenticate.authenticate(new PresentedToken(credential, "192.0.2.1", possession));
    }

    private static Optional<Possession> proofBy(KeyThumbprint key, String jti) {
        return Optional.of(new Possession(key, jti, ServiceFixture.START.plusSeconds(120)));
    }

    @Test
    void aBoundTokenNeedsAProofByItsKeyAndEachProofWorksOnce() {
        String bound = stored(Optional.of(KEY));

        assertThat(present(bound, Optional.empty())).isEqualTo(new Outcome.Refused(Reason.PROOF_REQUIRED));
        assertThat(present(bound, proofBy(OTHER_KEY, "j1"))).isEqualTo(new Outcome.Refused(Reason.PROOF_REQUIRED));
        assertThat(present(bound, proofBy(KEY, "j1"))).isInstanceOf(Outcome.Authenticated.class);
        assertThat(present(bound, proofBy(KEY, "j1"))).isEqualTo(new Outcome.Refused(Reason.PROOF_REPLAYED));
        assertThat(present(bound, proofBy(KEY, "j2"))).isInstanceOf(Outcome.Authenticated.class);
    }

    @Test
    void aProofByTheWrongKeyIsNotRecordedSoItsOwnerCanStillUseIt() {
        String bound = stored(Optional.of(KEY));

        present(bound, proofBy(OTHER_KEY, "shared-jti"));

        assertThat(fixture.usedProofs).isEmpty();
        assertThat(present(bound, proofBy(KEY, "shared-jti"))).isInstanceOf(Outcome.Authenticated.class);
    }

    @Test
    void aBearerTokenTakesNoProofAndIsRefusedWithOne() {
        String bearer = stored(Optional.empty());

        assertThat(present(bearer, Optional.empty())).isInstanceOf(Outcome.Authenticated.class);
        assertThat(present(bearer, proofBy(KEY, "j1"))).isEqualTo(new Outcome.Refused(Reason.TOKEN_NOT_BOUND));
        assertThat(fixture.events.counted).anySatisfy(event ->
                assertThat(event.detail()).contains("reason=TOKEN_NOT_BOUND"));
    }
}
