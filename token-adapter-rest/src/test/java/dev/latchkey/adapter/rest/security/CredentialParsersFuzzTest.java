package dev.latchkey.adapter.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.domain.TokenSecret;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.simple.SimpleHttpRequest;

/**
 * The parsers of credentials as they arrive: the Authorization schemes and the {@code lk_} format. Whatever the
 * input, they answer "not a credential" rather than throw. Runs its saved inputs in every build; with
 * {@code JAZZER_FUZZ=1} it fuzzes (docs/security.md).
 */
class CredentialParsersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void authorizationHeaders(FuzzedDataProvider data) {
        String header = data.consumeRemainingAsString();
        BasicCredentials.parse(header).ifPresent(basic -> assertThat(basic.username()).doesNotContain(":"));
        SimpleHttpRequest<Object> request = new SimpleHttpRequest<>(HttpMethod.GET, "/", null);
        try {
            request.header("Authorization", header);
        } catch (IllegalArgumentException notAHeaderValue) {
            return;
        }
        new BearerPresentation().tokenIn(request).ifPresent(token -> assertThat(token).isNotBlank());
    }

    @FuzzTest(maxDuration = "60s")
    void opaqueTokenFormat(FuzzedDataProvider data) {
        String presented = data.consumeRemainingAsString();
        TokenSecret.parse(presented).ifPresent(secret -> assertThat(secret.reveal()).isEqualTo(presented));
    }
}
