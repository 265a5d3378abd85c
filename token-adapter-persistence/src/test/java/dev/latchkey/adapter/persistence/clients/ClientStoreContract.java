package dev.latchkey.adapter.persistence.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SignInSettings;
import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAuth clients: registered, disabled, their secrets rotated, and read under lock. Each subclass runs it against one
 * real database, migrated by the same Flyway scripts the service uses.
 */
abstract class ClientStoreContract extends StoreContract {

    private OAuthClientPersistenceAdapter clients;

    @BeforeAll
    void adapters() {
        clients = context.getBean(OAuthClientPersistenceAdapter.class);
    }

    @Test
    void clientsRoundTripAndTheirIdsAreUnique() {
        ClientSecret secret = ClientSecret.fromRandomBytes(random(32));
        ClientId id = ClientId.of("client-" + TokenId.fromRandomBytes(random(16)));
        OAuthClient client = OAuthClient.confidential(id, "gateway", secret.hash(), NOW);

        assertThat(clients.saveNew(client)).isEqualTo(SaveClientPort.SaveOutcome.SAVED);
        assertThat(clients.loadById(id)).contains(client);
        assertThat(clients.saveNew(OAuthClient.confidential(id, "impostor",
                ClientSecret.fromRandomBytes(random(32)).hash(), NOW)))
                .isEqualTo(SaveClientPort.SaveOutcome.CLIENT_ID_TAKEN);
    }

    @Test
    void aClientsTypeGrantsAndScopesRoundTripAndItCanBeDisabled() {
        OAuthClient app = new OAuthClient(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()), "cli",
                ClientType.PUBLIC, Optional.empty(), Set.of(GrantType.PASSWORD, GrantType.REFRESH_TOKEN),
                Optional.of(Scopes.of("read", "deploy")), true, NOW);
        OAuthClient service = new OAuthClient(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()), "billing",
                ClientType.CONFIDENTIAL, Optional.of(ClientSecret.fromRandomBytes(random(32)).hash()),
                Set.of(GrantType.CLIENT_CREDENTIALS), Optional.of(Scopes.none()), true, NOW.plusSeconds(1));
        clients.saveNew(app);
        clients.saveNew(service);

        assertThat(clients.loadById(app.id())).contains(app);
        assertThat(clients.loadById(service.id())).contains(service);
        assertThat(clients.listAll()).containsSubsequence(app, service);

        clients.updateEnabled(app.id(), false);
        assertThat(clients.loadById(app.id())).contains(app.withEnabled(false));
    }

    @Test
    void signInSettingsRoundTripAndReplaceTheCachedClient() {
        OAuthClient client = OAuthClient.confidential(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()),
                "web", ClientSecret.fromRandomBytes(random(32)).hash(), NOW);
        clients.saveNew(client);
        assertThat(clients.loadById(client.id())).as("cached").contains(client);
        SignInSettings firstParty = new SignInSettings(List.of(RedirectUri.parse("https://app.example/cb?x=1"),
                RedirectUri.parse("http://127.0.0.1/callback"), RedirectUri.parse("com.example.app:/cb")), true, true);

        clients.updateSignIn(client.id(), firstParty);

        assertThat(clients.loadById(client.id()).orElseThrow().signIn()).isEqualTo(firstParty);
        clients.updateSignIn(client.id(), SignInSettings.none());
        assertThat(clients.loadById(client.id()).orElseThrow().signIn()).isEqualTo(SignInSettings.none());
    }

    @Test
    void aClientsKeysRoundTripAndTheirReplacementReplacesTheCachedClient() {
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\",\"x\":\"" + "x".repeat(43)
                + "\",\"y\":\"" + "y".repeat(43) + "\"}]}";
        OAuthClient signer = new OAuthClient(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()), "signer",
                ClientType.CONFIDENTIAL, Optional.empty(), Optional.empty(), Set.of(GrantType.CLIENT_CREDENTIALS),
                Optional.empty(), SignInSettings.none(), new KeySettings(Optional.of(new ClientKeys.Listed(jwks)),
                false), true, NOW);
        clients.saveNew(signer);
        assertThat(clients.loadById(signer.id())).as("cached").contains(signer);
        KeySettings published = new KeySettings(Optional.of(ClientKeys.Published.parse(
                "https://keys.example/.well-known/jwks.json")), true);

        clients.updateKeys(signer.id(), published);

        assertThat(clients.loadById(signer.id()).orElseThrow().keySettings()).isEqualTo(published);
        assertThat(clients.listAll()).contains(signer.changeKeys(published).client());
        KeySettings large = new KeySettings(Optional.of(new ClientKeys.Listed(" ".repeat(
                ClientKeys.MAX_JWKS_LENGTH - jwks.length()) + jwks)), false);
        clients.updateKeys(signer.id(), large);
        assertThat(clients.loadById(signer.id()).orElseThrow().keySettings()).as("the largest key set fits")
                .isEqualTo(large);
    }

    @Test
    void aRotatedSecretAndItsRetiringOneRoundTripAndReplaceTheCachedClient() {
        ClientSecret first = ClientSecret.fromRandomBytes(random(32));
        OAuthClient client = OAuthClient.confidential(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()),
                "gateway", first.hash(), NOW);
        clients.saveNew(client);
        assertThat(clients.loadById(client.id())).as("cached").contains(client);
        ClientSecret second = ClientSecret.fromRandomBytes(random(32));
        OAuthClient rotated = client.rotateSecret(second.hash(), NOW, Duration.ofHours(1)).client();

        clients.updateSecrets(rotated);

        assertThat(clients.loadById(client.id())).as("the cached client is dropped").contains(rotated);
        assertThat(clients.lockById(client.id())).contains(rotated);
        OAuthClient again = rotated.rotateSecret(ClientSecret.fromRandomBytes(random(32)).hash(), NOW,
                Duration.ZERO).client();
        clients.updateSecrets(again);
        assertThat(clients.loadById(client.id())).contains(again);
        assertThat(clients.loadById(client.id()).orElseThrow().retiringSecret()).isEmpty();
    }

    @Test
    void aClientReadUnderLockWaitsForTheChangeThatLockedItFirst() throws Exception {
        OAuthClient client = OAuthClient.confidential(ClientId.of(TokenId.fromRandomBytes(random(16)).toString()),
                "gateway", ClientSecret.fromRandomBytes(random(32)).hash(), NOW);
        clients.saveNew(client);
        OAuthClient rotated = client.rotateSecret(ClientSecret.fromRandomBytes(random(32)).hash(), NOW,
                Duration.ofMinutes(5)).client();
        JdbcTransactions transactions = context.getBean(JdbcTransactions.class);
        java.util.concurrent.CountDownLatch firstLocked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstMayCommit = new java.util.concurrent.CountDownLatch(1);
        ExecutorService changes = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = changes.submit(() -> transactions.inTransaction(() -> {
                clients.lockById(client.id()).orElseThrow();
                clients.updateSecrets(rotated);
                firstLocked.countDown();
                awaitOrFail(firstMayCommit);
                return null;
            }));
            awaitOrFail(firstLocked);
            Future<Optional<OAuthClient>> second = changes.submit(() -> transactions.inTransaction(
                    () -> clients.lockById(client.id())));
            Thread.sleep(300);
            assertThat(second.isDone()).as("the second waits for the first's lock").isFalse();
            firstMayCommit.countDown();

            first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS)).as("and reads what the first wrote").contains(rotated);
        } finally {
            changes.shutdownNow();
        }
    }
}
