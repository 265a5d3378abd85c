package dev.latchkey.adapter.rest;

import dev.latchkey.adapter.rest.json.JsonBodies;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import dev.latchkey.adapter.rest.security.AuthenticatedCaller;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.domain.OAuthClient;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Registers OAuth 2.0 confidential clients (API gateways, resource servers); administrators only. */
@Controller("/api/v1/clients")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ClientController {

    private final RegisterClientUseCase registerClient;
    private final JsonBodies bodies;

    ClientController(RegisterClientUseCase registerClient, JsonBodies bodies) {
        this.registerClient = registerClient;
        this.bodies = bodies;
    }

    @Post
    HttpResponse<?> register(HttpRequest<?> request, @Nullable @Body String json, Authentication authentication) {
        RegisterClientRequest body = bodies.read(request, json, RegisterClientRequest.class);
        RegisterClientUseCase.Outcome outcome = registerClient.register(new RegisterClientUseCase.RegisterClientCommand(
                AuthenticatedCaller.of(authentication), body.name()));
        if (!(outcome instanceof RegisterClientUseCase.Outcome.Registered registered)) {
            return Problems.response(request, ProblemType.FORBIDDEN, "Only administrators register clients.");
        }
        OAuthClient client = registered.client();
        return HttpResponse.status(HttpStatus.CREATED).body(new RegisteredClient(client.id().value(),
                registered.secret().reveal(), client.name(), Timestamps.isoMillis(client.createdAt())));
    }

    @Serdeable
    record RegisterClientRequest(@NotBlank @Size(max = OAuthClient.MAX_NAME_LENGTH) String name) {
    }

    /** The one response that carries a client's secret. */
    @Serdeable
    record RegisteredClient(String clientId, String clientSecret, String name, String createdAt) {
        @Override
        public String toString() {
            return "RegisteredClient[clientId=" + clientId + ", clientSecret=redacted]";
        }
    }
}
