package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthorizationCodeGrantTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final ClientId APP = ClientId.of("app");
    private static final AccountId ALICE = new AccountId(UUID.randomUUID());

    private static AuthorizationCodeGrant code(boolean redirectNamed) {
        AuthorizationRequest request = new AuthorizationRequest(APP, "http://127.0.0.1:4711/cb", redirectNamed,
                Scopes.of("read"), Optional.of("xyz"), CodeChallenge.answeredBy(VERIFIER), Set.of());
        return AuthorizationCodeGrant.issue(SecretHash.of("code"), request, ALICE,
                GrantId.fromRandomBytes(new byte[16]), NOW);
    }

    @Test
    void theRightClientRedirectAndVerifierRedeemTheCodeOnceWithinAMinute() {
        AuthorizationCodeGrant code = code(true);

        AuthorizationCodeGrant.Redemption redeemed = code.redeem(APP, Optional.of("http://127.0.0.1:4711/cb"),
                VERIFIER, Optional.empty(), NOW.plusSeconds(59));

        assertThat(redeemed).isInstanceOfSatisfying(AuthorizationCodeGrant.Redemption.Redeemed.class,
                spent -> assertThat(spent.code().redeemedAt()).contains(NOW.plusSeconds(59)));
        AuthorizationCodeGrant spent = ((AuthorizationCodeGrant.Redemption.Redeemed) redeemed).code();
        assertThat(spent.redeem(APP, Optional.of("http://127.0.0.1:4711/cb"), VERIFIER, Optional.empty(), NOW.plusSeconds(59)))
                .as("a second use is a replay").isInstanceOf(AuthorizationCodeGrant.Redemption.Replayed.class);
        assertThat(spent.redeem(ClientId.of("other"), Optional.empty(), "x", Optional.empty(), NOW.plusSeconds(3600)))
                .as("whoever presents it, whenever").isInstanceOf(AuthorizationCodeGrant.Redemption.Replayed.class);
    }

    @Test
    void everyMismatchIsRefusedAndLeavesTheCodeForItsClient() {
        AuthorizationCodeGrant code = code(true);

        assertRefused(code.redeem(APP, Optional.of("http://127.0.0.1:4711/cb"), VERIFIER, Optional.empty(), NOW.plusSeconds(60)),
                "expired");
        assertRefused(code.redeem(ClientId.of("other"), Optional.of("http://127.0.0.1:4711/cb"), VERIFIER, Optional.empty(), NOW),
                "another client");
        assertRefused(code.redeem(APP, Optional.of("http://127.0.0.1:4712/cb"), VERIFIER, Optional.empty(), NOW), "redirect_uri");
        assertRefused(code.redeem(APP, Optional.empty(), VERIFIER, Optional.empty(), NOW), "redirect_uri");
        assertRefused(code.redeem(APP, Optional.of("http://127.0.0.1:4711/cb"), VERIFIER.replace('d', 'e'), Optional.empty(), NOW),
                "code_verifier");
        assertRefused(code.redeem(APP, Optional.of("http://127.0.0.1:4711/cb"), null, Optional.empty(), NOW), "code_verifier");
        assertThat(code.redeemedAt()).isEmpty();
    }

    @Test
    void aRequestThatNamedNoRedirectUriMayBeRedeemedWithoutOneOrWithTheSame() {
        AuthorizationCodeGrant code = code(false);

        assertThat(code.redeem(APP, Optional.empty(), VERIFIER, Optional.empty(), NOW))
                .isInstanceOf(AuthorizationCodeGrant.Redemption.Redeemed.class);
        assertThat(code.redeem(APP, Optional.of("http://127.0.0.1:4711/cb"), VERIFIER, Optional.empty(), NOW))
                .isInstanceOf(AuthorizationCodeGrant.Redemption.Redeemed.class);
        assertRefused(code.redeem(APP, Optional.of("http://127.0.0.1:1/cb"), VERIFIER, Optional.empty(), NOW), "redirect_uri");
    }

    @Test
    void aCodeLivesAtMostAMinuteAndPrintsNoSecret() {
        AuthorizationCodeGrant code = code(true);

        assertThat(code.expiresAt()).isEqualTo(NOW.plus(AuthorizationCodeGrant.LIFETIME));
        assertThatThrownBy(() -> new AuthorizationCodeGrant(code.codeHash(), APP, ALICE, code.redirectUri(), true,
                code.challenge(), code.scopes(), code.grant(), NOW, NOW.plusSeconds(61), Optional.empty(),
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(code.toString()).doesNotContain(code.codeHash().toHex());
        assertThat(AuthorizationCode.parse(AuthorizationCode.fromRandomBytes(new byte[32]).reveal())).isPresent();
        assertThat(AuthorizationCode.fromRandomBytes(new byte[32]).reveal()).startsWith("lka_");
        assertThat(AuthorizationCode.parse(TokenSecret.fromRandomBytes(new byte[32]).reveal())).isEmpty();
    }

    @Test
    void aCodeBoundToAKeyIsRedeemedOnlyWithAProofByThatKey() {
        KeyThumbprint key = KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        KeyThumbprint other = KeyThumbprint.of("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
        AuthorizationCodeGrant code = AuthorizationCodeGrant.issue(SecretHash.of("code"), new AuthorizationRequest(
                APP, "http://127.0.0.1:4711/cb", false, Scopes.of("read"), Optional.empty(),
                CodeChallenge.answeredBy(VERIFIER), Set.of(), Optional.of(key)), ALICE,
                GrantId.fromRandomBytes(new byte[16]), NOW);

        assertRefused(code.redeem(APP, Optional.empty(), VERIFIER, Optional.empty(), NOW), "dpop_jkt");
        assertRefused(code.redeem(APP, Optional.empty(), VERIFIER, Optional.of(other), NOW), "dpop_jkt");
        assertThat(code.redeem(APP, Optional.empty(), VERIFIER, Optional.of(key), NOW))
                .isInstanceOfSatisfying(AuthorizationCodeGrant.Redemption.Redeemed.class, redeemed ->
                        assertThat(redeemed.code().dpopKey()).contains(key));
        assertThat(code(false).redeem(APP, Optional.empty(), VERIFIER, Optional.of(other), NOW))
                .as("an unbound code takes a proof or none").isInstanceOf(AuthorizationCodeGrant.Redemption.Redeemed.class);
    }

    @Test
    void aStateIsPrintableAsciiOfBoundedLength() {
        for (String state : new String[] {"", "a\nb", "é", "x".repeat(AuthorizationRequest.MAX_STATE_LENGTH + 1)}) {
            assertThatThrownBy(() -> new AuthorizationRequest(APP, "https://app.example/cb", true, Scopes.none(),
                    Optional.of(state), CodeChallenge.answeredBy(VERIFIER), Set.of()))
                    .isInstanceOf(InvalidValueException.class);
        }
    }

    private static void assertRefused(AuthorizationCodeGrant.Redemption redemption, String reason) {
        assertThat(redemption).isInstanceOfSatisfying(AuthorizationCodeGrant.Redemption.Refused.class,
                refused -> assertThat(refused.reason()).contains(reason));
    }
}
