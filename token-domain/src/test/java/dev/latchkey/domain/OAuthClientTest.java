package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class OAuthClientTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final ClientId UUID_ID = ClientId.of(UUID.randomUUID().toString());
    private static final Optional<SecretHash> SECRET =
            Optional.of(ClientSecret.fromRandomBytes(new byte[32]).hash());

    private static OAuthClient client(ClientType type, Optional<SecretHash> secret, Set<GrantType> grants,
                                      Optional<Scopes> scopes) {
        return new OAuthClient(UUID_ID, "client", type, secret, grants, scopes, true, NOW);
    }

    @Test
    void aPublicClientHasNoSecretAndAConfidentialOneHasOne() {
        assertThatThrownBy(() -> client(ClientType.PUBLIC, SECRET, Set.of(GrantType.PASSWORD), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client(ClientType.CONFIDENTIAL, Optional.empty(), Set.of(GrantType.PASSWORD),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        OAuthClient app = client(ClientType.PUBLIC, Optional.empty(), Set.of(GrantType.PASSWORD), Optional.empty());
        assertThat(app.hasSecret(ClientSecret.fromRandomBytes(new byte[32]), NOW)).isFalse();
    }

    @Test
    void onlyAConfidentialClientWithAUuidIdMayActAsItself() {
        assertThatThrownBy(() -> client(ClientType.PUBLIC, Optional.empty(), Set.of(GrantType.CLIENT_CREDENTIALS),
                Optional.empty())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new OAuthClient(ClientId.of("gateway"), "gateway", ClientType.CONFIDENTIAL, SECRET,
                Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(), true, NOW))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> client(ClientType.CONFIDENTIAL, SECRET, Set.of(), Optional.empty()))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theServiceAccountSharesTheClientsIdSoThatItsTokensSubjectIsTheClient() {
        OAuthClient service = client(ClientType.CONFIDENTIAL, SECRET, Set.of(GrantType.CLIENT_CREDENTIALS),
                Optional.empty());
        OAuthClient gateway = client(ClientType.CONFIDENTIAL, SECRET,
                OAuthClient.defaultGrantTypes(ClientType.CONFIDENTIAL, false), Optional.empty());

        assertThat(service.serviceAccount()).map(AccountId::toString).contains(UUID_ID.value());
        assertThat(gateway.serviceAccount()).isEmpty();
        assertThat(service.serviceAccountUsername().value()).isEqualTo("service-account-" + UUID_ID.value());
    }

    @Test
    void aDisabledClientMayUseNoGrant() {
        OAuthClient client = client(ClientType.CONFIDENTIAL, SECRET, EnumSet.allOf(GrantType.class),
                Optional.empty());

        assertThat(client.mayUse(GrantType.PASSWORD)).isTrue();
        assertThat(client.withEnabled(false).mayUse(GrantType.PASSWORD)).isFalse();
        assertThat(OAuthClient.defaultGrantTypes(ClientType.CONFIDENTIAL, false))
                .containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
        assertThat(OAuthClient.defaultGrantTypes(ClientType.CONFIDENTIAL, true))
                .as("a confidential client with its own scopes acts as itself")
                .containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                        GrantType.CLIENT_CREDENTIALS);
        assertThat(OAuthClient.defaultGrantTypes(ClientType.PUBLIC, true))
                .as("the password grant only when asked for")
                .containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
    }

    @Property
    void aScopeLimitAdmitsExactlyItsSubsets(@ForAll @StringLength(min = 1, max = 8) String extra) {
        Scopes allowed = Scopes.of("read", "write");
        OAuthClient limited = client(ClientType.CONFIDENTIAL, SECRET, Set.of(GrantType.PASSWORD),
                Optional.of(allowed));
        OAuthClient unlimited = client(ClientType.CONFIDENTIAL, SECRET, Set.of(GrantType.PASSWORD),
                Optional.empty());
        Scopes requested;
        try {
            requested = Scopes.of("read", extra);
        } catch (InvalidValueException notAScope) {
            return;
        }

        assertThat(limited.mayRequest(requested)).isEqualTo(allowed.containsAll(requested));
        assertThat(unlimited.mayRequest(requested)).isTrue();
    }

    @Test
    void grantTypesAndClientTypesHaveTheirRfcNames() {
        assertThat(GrantType.fromWireName("urn:ietf:params:oauth:grant-type:token-exchange"))
                .contains(GrantType.TOKEN_EXCHANGE);
        assertThat(GrantType.fromWireName("implicit")).isEmpty();
        assertThat(ClientType.fromWireName("public")).isEqualTo(ClientType.PUBLIC);
        assertThatThrownBy(() -> ClientType.fromWireName("PUBLIC")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void anAudienceIsPrintableWithoutSpaces() {
        assertThat(Audience.of("https://api.example/v1")).hasToString("https://api.example/v1");
        assertThatThrownBy(() -> Audience.of("two words")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Audience.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Audience.of("x".repeat(Audience.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void disablingAndEnablingAClientReportOnlyWhatChanged() {
        OAuthClient client = OAuthClient.confidential(ClientId.of("reports"), "Reports", SecretHash.of("secret"),
                Instant.parse("2026-12-05T08:00:00Z"));

        ClientUpdate disabled = client.disable();
        assertThat(disabled.client().enabled()).isFalse();
        assertThat(disabled.change()).contains(ClientUpdate.Change.DISABLED);
        assertThat(disabled.auditDetail()).isEqualTo("client=reports enabled=false");
        assertThat(disabled.client().disable().change()).isEmpty();
        assertThat(client.enable().change()).isEmpty();
        assertThat(disabled.client().enable().change()).contains(ClientUpdate.Change.ENABLED);
    }

    @Test
    void aRotatedSecretReplacesTheOldOneAtOnceUnlessAnOverlapIsAskedFor() {
        ClientSecret first = ClientSecret.fromRandomBytes(filled(1));
        ClientSecret second = ClientSecret.fromRandomBytes(filled(2));
        OAuthClient client = OAuthClient.confidential(ClientId.of("reports"), "Reports", first.hash(), NOW);

        ClientUpdate rotated = client.rotateSecret(second.hash(), NOW, Duration.ZERO);

        assertThat(rotated.change()).contains(ClientUpdate.Change.SECRET_ROTATED);
        assertThat(rotated.client().hasSecret(second, NOW)).isTrue();
        assertThat(rotated.client().hasSecret(first, NOW)).isFalse();
        assertThat(rotated.client().retiringSecret()).isEmpty();
        assertThat(rotated.auditDetail()).isEqualTo("client=reports secret=rotated previous-valid-until=none")
                .doesNotContain(second.hash().toHex(), first.hash().toHex());
        assertThat(rotated.client()).usingRecursiveComparison().ignoringFields("secretHash")
                .isEqualTo(client);
    }

    @Property
    void aRetiringSecretIsAcceptedExactlyUntilItsOverlapEnds(
            @ForAll @LongRange(min = 1, max = 7 * 24 * 3600) long overlapSeconds,
            @ForAll @LongRange(min = 0, max = 8 * 24 * 3600) long laterSeconds) {
        ClientSecret first = ClientSecret.fromRandomBytes(filled(1));
        ClientSecret second = ClientSecret.fromRandomBytes(filled(2));
        OAuthClient rotated = OAuthClient.confidential(ClientId.of("reports"), "Reports", first.hash(), NOW)
                .rotateSecret(second.hash(), NOW, Duration.ofSeconds(overlapSeconds)).client();
        Instant later = NOW.plusSeconds(laterSeconds);

        assertThat(rotated.hasSecret(second, later)).isTrue();
        assertThat(rotated.hasSecret(first, later)).isEqualTo(laterSeconds < overlapSeconds);
        assertThat(rotated.retiringSecretAt(later).isPresent()).isEqualTo(laterSeconds < overlapSeconds);
        assertThat(rotated.hasSecret(ClientSecret.fromRandomBytes(filled(3)), later)).isFalse();
    }

    @Test
    void aSecondRotationEndsTheFirstRetiringSecretWhateverWasLeftOfIt() {
        ClientSecret first = ClientSecret.fromRandomBytes(filled(1));
        ClientSecret second = ClientSecret.fromRandomBytes(filled(2));
        ClientSecret third = ClientSecret.fromRandomBytes(filled(3));
        OAuthClient twice = OAuthClient.confidential(ClientId.of("reports"), "Reports", first.hash(), NOW)
                .rotateSecret(second.hash(), NOW, Duration.ofDays(1)).client()
                .rotateSecret(third.hash(), NOW.plusSeconds(60), Duration.ofHours(1)).client();

        assertThat(twice.hasSecret(first, NOW.plusSeconds(61))).isFalse();
        assertThat(twice.hasSecret(second, NOW.plusSeconds(61))).isTrue();
        assertThat(twice.hasSecret(third, NOW.plusSeconds(61))).isTrue();
        assertThat(twice.retiringSecret()).map(RetiringSecret::until).contains(NOW.plusSeconds(3660));
    }

    @Test
    void aPublicClientHasNoSecretToRotateAndTheOverlapIsBounded() {
        OAuthClient app = client(ClientType.PUBLIC, Optional.empty(), Set.of(GrantType.PASSWORD), Optional.empty());
        OAuthClient service = client(ClientType.CONFIDENTIAL, SECRET, Set.of(GrantType.PASSWORD), Optional.empty());
        SecretHash next = ClientSecret.fromRandomBytes(filled(4)).hash();

        assertThatThrownBy(() -> app.rotateSecret(next, NOW, Duration.ZERO))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("no secret");
        assertThatThrownBy(() -> service.rotateSecret(next, NOW, Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("previousSecretValidForSeconds");
        assertThatThrownBy(() -> service.rotateSecret(next, NOW, OAuthClient.MAX_RETIRING_SECRET.plusSeconds(1)))
                .isInstanceOf(InvalidValueException.class);
        assertThat(service.rotateSecret(next, NOW, OAuthClient.MAX_RETIRING_SECRET).client().retiringSecret())
                .isPresent();
        assertThatThrownBy(() -> new OAuthClient(UUID_ID, "app", ClientType.PUBLIC, Optional.empty(),
                Optional.of(new RetiringSecret(next, NOW)), Set.of(GrantType.PASSWORD), Optional.empty(),
                SignInSettings.none(), KeySettings.none(), true, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final KeySettings LISTED = new KeySettings(Optional.of(new ClientKeys.Listed("{\"keys\":[]}")),
            false);

    private static OAuthClient withKeys(ClientType type, Optional<SecretHash> secret, KeySettings keys) {
        return new OAuthClient(UUID_ID, "signer", type, secret, Optional.empty(), Set.of(GrantType.CLIENT_CREDENTIALS),
                Optional.empty(), SignInSettings.none(), keys, true, NOW);
    }

    @Test
    void aConfidentialClientProvesItselfWithASecretOrWithKeysNeverBothAndAPublicOneWithNeither() {
        OAuthClient signer = withKeys(ClientType.CONFIDENTIAL, Optional.empty(), LISTED);

        assertThat(signer.signsAssertions()).isTrue();
        assertThat(signer.hasSecret(ClientSecret.fromRandomBytes(new byte[32]), NOW)).isFalse();
        assertThatThrownBy(() -> withKeys(ClientType.CONFIDENTIAL, SECRET, LISTED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OAuthClient(UUID_ID, "app", ClientType.PUBLIC, Optional.empty(),
                Optional.empty(), Set.of(GrantType.PASSWORD), Optional.empty(), SignInSettings.none(), LISTED, true,
                NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.rotateSecret(ClientSecret.fromRandomBytes(filled(3)).hash(), NOW,
                Duration.ZERO)).isInstanceOf(InvalidValueException.class).hasMessageContaining("signs with keys");
    }

    @Test
    void keysAreReplacedWithoutChangingHowTheClientAuthenticates() {
        OAuthClient signer = withKeys(ClientType.CONFIDENTIAL, Optional.empty(), LISTED);
        KeySettings published = new KeySettings(Optional.of(ClientKeys.Published.parse(
                "https://keys.example/jwks.json")), true);

        ClientUpdate changed = signer.changeKeys(published);

        assertThat(changed.change()).contains(ClientUpdate.Change.KEYS_CHANGED);
        assertThat(changed.client().requiresDpop()).isTrue();
        assertThat(changed.auditDetail()).isEqualTo("client=" + UUID_ID.value()
                + " keys=jwks_uri dpop-bound-access-tokens=true");
        assertThat(changed.client().changeKeys(published).change()).isEmpty();
        assertThatThrownBy(() -> signer.changeKeys(KeySettings.none())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("cannot be removed");
        OAuthClient withSecret = client(ClientType.CONFIDENTIAL, SECRET, Set.of(GrantType.PASSWORD),
                Optional.empty());
        assertThatThrownBy(() -> withSecret.changeKeys(LISTED)).isInstanceOf(InvalidValueException.class);
        assertThat(withSecret.changeKeys(new KeySettings(Optional.empty(), true)).client().requiresDpop())
                .as("any client may be made to get DPoP-bound tokens only").isTrue();
    }

    @Test
    void aKeySetIsBoundedAndAJwksUriIsAnAbsoluteHttpUrlWithoutCredentialsOrFragment() {
        assertThatThrownBy(() -> new ClientKeys.Listed(" ")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ClientKeys.Listed("x".repeat(ClientKeys.MAX_JWKS_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class);
        for (String bad : new String[] {"keys.example/jwks", "ftp://keys.example/jwks", "https://user@keys.example/",
                "https://keys.example/jwks#frag", "https:///jwks", "https://keys.example/" + "x".repeat(2100),
                "https://keys example/", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> ClientKeys.Published.parse(bad)).as(bad)
                    .isInstanceOf(InvalidValueException.class);
        }
        assertThat(ClientKeys.Published.parse("HTTPS://keys.example:8443/.well-known/jwks.json?v=2").jwksUri()
                .getHost()).isEqualTo("keys.example");
    }

    @Test
    void aRetiringSecretNeverPrintsItsHash() {
        SecretHash hash = ClientSecret.fromRandomBytes(filled(5)).hash();

        assertThat(new RetiringSecret(hash, NOW).toString()).doesNotContain(hash.toHex());
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
