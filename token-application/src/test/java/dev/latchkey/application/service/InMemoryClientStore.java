package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
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
    public SaveOutcome saveNew(OAuthClient client) {
        return clients.putIfAbsent(client.id(), client) == null ? SaveOutcome.SAVED : SaveOutcome.CLIENT_ID_TAKEN;
    }
}
