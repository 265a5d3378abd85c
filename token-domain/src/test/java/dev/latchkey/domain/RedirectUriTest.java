package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RedirectUriTest {

    @Test
    void httpsLoopbackHttpAndAnAppsOwnSchemeMayBeRegistered() {
        assertThat(RedirectUri.parse("https://app.example/callback").value())
                .isEqualTo("https://app.example/callback");
        assertThat(RedirectUri.parse("http://127.0.0.1/callback").isLoopback()).isTrue();
        assertThat(RedirectUri.parse("http://[::1]:8400/cb").isLoopback()).isTrue();
        assertThat(RedirectUri.parse("com.example.app:/oauth2redirect").isLoopback()).isFalse();
    }

    @Test
    void anythingAnAttackerCouldBendIsRefusedAtRegistration() {
        for (String refused : List.of("http://app.example/callback", "http://localhost/callback",
                "https://app.example/callback#fragment", "/callback", "callback", "javascript:alert(1)",
                "data:text/html,hi", "https://user:pass@app.example/cb", "https://app.example/a b",
                "https://app.example/\ncb", "myapp:/callback", "", "https:///nohost", "https://app.example:0/cb",
                "https://app.example:65536/cb", "http://127.0.0.1:99999/cb",
                "https://app.example/" + "x".repeat(RedirectUri.MAX_LENGTH))) {
            assertThatThrownBy(() -> RedirectUri.parse(refused)).as(refused)
                    .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("redirectUris: ");
        }
    }

    @Test
    void aConfidentialClientsUriMatchesOnlyStringForString() {
        RedirectUri registered = RedirectUri.parse("https://app.example/callback");

        assertThat(registered.admits("https://app.example/callback", ClientType.CONFIDENTIAL)).isTrue();
        for (String near : List.of("https://app.example/callback/", "https://app.example/callbacK",
                "https://app.example/callback?x=1", "https://app.example:443/callback",
                "https://APP.example/callback", "https://app.example/callback#", "https://app.example.evil/callback",
                "https://app.example/callbac")) {
            assertThat(registered.admits(near, ClientType.CONFIDENTIAL)).as(near).isFalse();
            assertThat(registered.admits(near, ClientType.PUBLIC)).as(near).isFalse();
        }
    }

    @Property
    void aPublicClientsLoopbackUriAdmitsAnyPortAndNothingElse(@ForAll @IntRange(min = 1, max = 65535) int port) {
        RedirectUri registered = RedirectUri.parse("http://127.0.0.1/callback");

        assertThat(registered.admits("http://127.0.0.1:" + port + "/callback", ClientType.PUBLIC)).isTrue();
        assertThat(registered.admits("http://127.0.0.1:" + port + "/callback", ClientType.CONFIDENTIAL))
                .as("the exception is for public clients").isFalse();
        assertThat(registered.admits("http://127.0.0.1:" + port + "/callback2", ClientType.PUBLIC)).isFalse();
        assertThat(registered.admits("http://127.0.0.2:" + port + "/callback", ClientType.PUBLIC)).isFalse();
        assertThat(registered.admits("http://localhost:" + port + "/callback", ClientType.PUBLIC)).isFalse();
        assertThat(registered.admits("https://127.0.0.1:" + port + "/callback", ClientType.PUBLIC)).isFalse();
        assertThat(registered.admits("http://127.0.0.1:" + port + "/callback?next=x", ClientType.PUBLIC))
                .isFalse();
        assertThat(registered.admits("http://evil@127.0.0.1:" + port + "/callback", ClientType.PUBLIC)).isFalse();
        assertThat(RedirectUri.parse("http://[::1]:9000/cb").admits("http://[::1]:" + port + "/cb",
                ClientType.PUBLIC)).isTrue();
    }

    @Property
    void aLoopbackPortNoSocketCanHaveIsRefused(@ForAll @IntRange(min = 65_536, max = Integer.MAX_VALUE) int port) {
        RedirectUri registered = RedirectUri.parse("http://127.0.0.1/callback");

        assertThat(registered.admits("http://127.0.0.1:" + port + "/callback", ClientType.PUBLIC)).isFalse();
        assertThat(registered.admits("http://127.0.0.1:0/callback", ClientType.PUBLIC)).isFalse();
    }

    @Test
    void aRequestWithoutARedirectUriGoesToTheOnlyRegisteredOneAndNowhereElse() {
        SignInSettings one = new SignInSettings(List.of(RedirectUri.parse("https://app.example/cb")), false, false);
        SignInSettings two = new SignInSettings(List.of(RedirectUri.parse("https://app.example/cb"),
                RedirectUri.parse("https://app.example/other")), false, false);

        assertThat(one.redirectFor(Optional.empty(), ClientType.CONFIDENTIAL)).contains("https://app.example/cb");
        assertThat(two.redirectFor(Optional.empty(), ClientType.CONFIDENTIAL)).isEmpty();
        assertThat(two.redirectFor(Optional.of("https://app.example/other"), ClientType.CONFIDENTIAL))
                .contains("https://app.example/other");
        assertThat(SignInSettings.none().redirectFor(Optional.empty(), ClientType.PUBLIC)).isEmpty();
        assertThatThrownBy(() -> new SignInSettings(List.of(RedirectUri.parse("https://app.example/cb"),
                RedirectUri.parse("https://app.example/cb")), false, false))
                .isInstanceOf(InvalidValueException.class);
    }
}
