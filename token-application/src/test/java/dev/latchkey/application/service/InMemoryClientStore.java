package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.SignInSettings;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryClientStore implements LoadClientPort, SaveClientPort {

    private final Map<ClientId, OAuthClient> clients = new ConcurrentHashMap<>();

    @Override
    public Optional<OAuthClient> loadById(ClientId id) {
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public List<OAuthClient> listAll() {
        return clients.values().stream().sorted(Comparator.comparing(OAuthClient::createdAt)).toList();
    }

    @Override
    public void updateEnabled(ClientId id, boolean enabled) {
        clients.computeIfPresent(id, (ignored, client) -> client.withEnabled(enabled));
    }

    @Override
    public void updateSignIn(ClientId id, SignInSettings settings) {
        clients.computeIfPresent(id, (ignored, client) -> client.changeSignIn(settings).client());
    }

    @Override
    public void updateKeys(ClientId id, KeySettings settings) {
        clients.computeIfPresent(id, (ignored, client) -> client.changeKeys(settings).client());
    }

    @Override
    public Optional<OAuthClient> lockById(ClientId id) {
        return loadById(id);
    }

    @Override
    public void updateSecrets(OAuthClient client) {
        clients.computeIfPresent(client.id(), (ignored, stored) -> new OAuthClient(stored.id(), stored.name(),
                stored.type(), client.secretHash(), client.retiringSecret(), stored.grantTypes(), stored.scopes(),
                stored.signIn(), stored.keySettings(), stored.enabled(), stored.createdAt()));
    }

    @Override
    public SaveOutcome saveNew(OAuthClient client) {
        return clients.putIfAbsent(client.id(), client) == null ? SaveOutcome.SAVED : SaveOutcome.CLIENT_ID_TAKEN;
    }
}
