package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.AlphaChars;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Property
    void aWidenedConsentCoversWhatItCoveredAndWhatWasAskedFor(
            @ForAll @Size(max = 10) Set<@AlphaChars @StringLength(min = 1, max = 8) String> given,
            @ForAll @Size(max = 10) Set<@AlphaChars @StringLength(min = 1, max = 8) String> asked) {
        Consent consent = new Consent(new AccountId(UUID.randomUUID()), ClientId.of("app"), Scopes.of(given), NOW);

        Consent widened = consent.widenedTo(Scopes.of(asked), NOW.plusSeconds(1));

        assertThat(widened.covers(Scopes.of(given))).isTrue();
        assertThat(widened.covers(Scopes.of(asked))).isTrue();
        assertThat(consent.covers(Scopes.of(asked))).isEqualTo(given.containsAll(asked));
    }

    @Test
    void pastTheScopeLimitOnlyTheNewlyConsentedScopesAreKept() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < Scopes.MAX_COUNT; i++) {
            many.add("old" + i);
        }
        Consent full = new Consent(new AccountId(UUID.randomUUID()), ClientId.of("app"), Scopes.of(many), NOW);

        assertThat(full.widenedTo(Scopes.of("new"), NOW).scopes()).isEqualTo(Scopes.of("new"));
    }

    @Test
    void promptIsReadAsOpenIdConnectDefinesIt() {
        assertThat(Prompt.parse(null)).isEmpty();
        assertThat(Prompt.parse("login consent")).containsExactlyInAnyOrder(Prompt.LOGIN, Prompt.CONSENT);
        assertThat(Prompt.parse("none")).containsExactly(Prompt.NONE);
        assertThat(Prompt.parse("select_account")).isEmpty();
        assertThatThrownBy(() -> Prompt.parse("none login")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Prompt.parse("always")).isInstanceOf(InvalidValueException.class)
                .hasMessageNotContaining("always");
    }

    @Test
    void aPushedRequestsUriIsWellFormedAndLivesAMinuteForOneAuthorization() {
        String uri = PushedAuthorizationRequest.newRequestUri(new byte[32]);
        AuthorizationRequest request = new AuthorizationRequest(ClientId.of("app"), "https://app.example/cb", true,
                Scopes.none(), java.util.Optional.empty(), CodeChallenge.answeredBy("v".repeat(43)), Set.of());
        PushedAuthorizationRequest pushed = PushedAuthorizationRequest.push(uri, request, NOW);

        assertThat(uri).startsWith("urn:ietf:params:oauth:request_uri:");
        assertThat(PushedAuthorizationRequest.isWellFormed(uri)).isTrue();
        assertThat(PushedAuthorizationRequest.isWellFormed(uri + "x")).isFalse();
        assertThat(PushedAuthorizationRequest.isWellFormed("https://evil.example/request.jwt")).isFalse();
        assertThat(pushed.referenceHash()).isEqualTo(SecretHash.of(uri));
        assertThat(pushed.isUsableAt(NOW.plusSeconds(59))).isTrue();
        assertThat(pushed.isUsableAt(NOW.plusSeconds(60))).isFalse();
        assertThat(new PushedAuthorizationRequest(pushed.referenceHash(), request, pushed.expiresAt(),
                java.util.Optional.of(NOW)).isUsableAt(NOW)).isFalse();
    }
}
