package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.OAuthClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class AuthenticateClientService implements AuthenticateClientUseCase {

    private final LoadClientPort clients;
    private final Clock clock;

    AuthenticateClientService(LoadClientPort clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Outcome authenticate(ClientCredentials credentials) {
        Optional<ClientSecret> secret = ClientSecret.parse(credentials.clientSecret());
        Optional<ClientId> id = parse(credentials.clientId());
        if (secret.isEmpty() || id.isEmpty()) {
            return new Outcome.Refused();
        }
        Instant now = clock.instant();
        Optional<OAuthClient> client = clients.loadById(id.get())
                .filter(OAuthClient::enabled)
                .filter(candidate -> candidate.hasSecret(secret.get(), now));
        return client.<Outcome>map(Outcome.Authenticated::new).orElseGet(Outcome.Refused::new);
    }

    @Override
    public Outcome identifyPublic(String clientId) {
        return identify(clientId, OAuthClient::isPublic);
    }

    @Override
    public Outcome identifySigning(String clientId) {
        return identify(clientId, OAuthClient::signsAssertions);
    }

    /** The enabled client with this id, if it is of the kind an id alone may name here. */
    private Outcome identify(String clientId, java.util.function.Predicate<OAuthClient> kind) {
        return parse(clientId).flatMap(clients::loadById)
                .filter(OAuthClient::enabled)
                .filter(kind)
                .<Outcome>map(Outcome.Authenticated::new).orElseGet(Outcome.Refused::new);
    }

    private static Optional<ClientId> parse(String clientId) {
        try {
            return Optional.of(ClientId.of(clientId));
        } catch (InvalidValueException malformed) {
            return Optional.empty();
        }
    }
}
