package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.TokenId;
import java.time.Clock;

final class RegisterClientService implements RegisterClientUseCase {

    private final SaveClientPort clients;
    private final RandomnessPort randomness;
    private final Clock clock;

    RegisterClientService(SaveClientPort clients, RandomnessPort randomness, Clock clock) {
        this.clients = clients;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public Outcome register(RegisterClientCommand command) {
        if (command.registrar().role() != Role.ADMIN) {
            return new Outcome.NotAllowed();
        }
        ClientSecret secret = ClientSecret.fromRandomBytes(randomness.nextBytes(32));
        // A random UUID as the id: public, unique without coordination, and tells nothing about the client.
        ClientId id = ClientId.of(TokenId.fromRandomBytes(randomness.nextBytes(16)).toString());
        OAuthClient client = new OAuthClient(id, command.name(), secret.hash(), true, clock.instant());
        if (clients.saveNew(client) == dev.latchkey.application.port.out.SaveClientPort.SaveOutcome.CLIENT_ID_TAKEN) {
            throw new IllegalStateException("a random client id collided; this should never happen");
        }
        return new Outcome.Registered(client, secret);
    }
}
