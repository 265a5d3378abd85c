package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthorizeUseCase.AuthorizationParameters;
import dev.latchkey.application.port.in.PushAuthorizationRequestUseCase;
import dev.latchkey.application.port.out.PushedRequestPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.PushedAuthorizationRequest;
import java.time.Clock;

final class PushAuthorizationRequestService implements PushAuthorizationRequestUseCase {

    private final PushedRequestPort pushedRequests;
    private final RandomnessPort randomness;
    private final Clock clock;

    PushAuthorizationRequestService(PushedRequestPort pushedRequests, RandomnessPort randomness, Clock clock) {
        this.pushedRequests = pushedRequests;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Override
    public Outcome push(OAuthClient client, AuthorizationParameters parameters) {
        if (parameters.requestUri().isPresent()) {
            return new Outcome.Refused("invalid_request", "A pushed request may not itself name a request_uri.");
        }
        if (parameters.clientId().isPresent() && !parameters.clientId().get().equals(client.id().value())) {
            return new Outcome.Refused("invalid_request", "The client_id is not the client that authenticated.");
        }
        AuthorizationRequests.Reading reading = AuthorizationRequests.read(client, parameters, true);
        if (reading instanceof AuthorizationRequests.Reading.NoRedirect none) {
            return new Outcome.Refused("invalid_request", none.reason());
        }
        if (reading instanceof AuthorizationRequests.Reading.Refused refused) {
            return new Outcome.Refused(refused.error(), refused.description());
        }
        String requestUri = PushedAuthorizationRequest.newRequestUri(randomness.nextBytes(32));
        pushedRequests.save(PushedAuthorizationRequest.push(requestUri,
                ((AuthorizationRequests.Reading.Read) reading).request(), clock.instant()));
        return new Outcome.Pushed(requestUri, PushedAuthorizationRequest.LIFETIME);
    }
}
