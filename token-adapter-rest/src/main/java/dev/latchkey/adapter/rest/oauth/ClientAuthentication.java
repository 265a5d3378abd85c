package dev.latchkey.adapter.rest.oauth;

import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.adapter.rest.security.BasicCredentials;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateClientUseCase.ClientCredentials;
import dev.latchkey.domain.OAuthClient;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Client authentication on the OAuth 2.0 endpoints (RFC 6749 section 2.3.1): {@code client_secret_basic}, with the id
 * and secret form-encoded inside HTTP Basic, or {@code client_secret_post}, in the body. Using both at once is an
 * error; a {@code client_id} in the body beside HTTP Basic is not a second method, but must name the same client. A public client (section 2.1) has no secret and sends its {@code client_id} alone ({@code none}); a
 * confidential client that does so is refused, so that leaving out the secret never weakens one.
 */
@Singleton
final class ClientAuthentication {

    private final AuthenticateClientUseCase authenticateClient;

    ClientAuthentication(AuthenticateClientUseCase authenticateClient) {
        this.authenticateClient = authenticateClient;
    }

    Result authenticate(HttpRequest<?> request, FormParameters form) {
        Optional<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                .filter(header -> header.regionMatches(true, 0, "Basic ", 0, 6));
        Optional<String> postedId = form.get("client_id");
        Optional<String> postedSecret = form.get("client_secret");
        if (authorization.isPresent() && postedSecret.isPresent()) {
            return new Result.Malformed("use one client authentication method, not two");
        }
        if (authorization.isPresent()) {
            Optional<ClientCredentials> credentials = basic(authorization.get().substring(6).trim());
            if (credentials.isEmpty()) {
                return new Result.Failed("malformed Basic credentials");
            }
            // A client_id beside Basic only names the client again (a pushed request carries one); it must agree.
            if (postedId.isPresent() && !postedId.get().equals(credentials.get().clientId())) {
                return new Result.Malformed("the client_id is not the client of the Authorization header");
            }
            return check(credentials.get());
        }
        if (postedSecret.isPresent()) {
            if (postedId.isEmpty()) {
                return new Result.Failed("client_secret needs its client_id");
            }
            return check(new ClientCredentials(postedId.get(), postedSecret.get()));
        }
        if (postedId.isPresent()) {
            return outcome(authenticateClient.identifyPublic(postedId.get()));
        }
        return new Result.None();
    }

    private Result check(ClientCredentials credentials) {
        return outcome(authenticateClient.authenticate(credentials));
    }

    private static Result outcome(AuthenticateClientUseCase.Outcome outcome) {
        if (outcome instanceof AuthenticateClientUseCase.Outcome.Authenticated authenticated) {
            return new Result.Client(authenticated.client());
        }
        return new Result.Failed("client authentication failed");
    }

    /** Basic credentials whose parts are form-encoded, as RFC 6749 section 2.3.1 has clients send them. */
    private static Optional<ClientCredentials> basic(String encoded) {
        try {
            return BasicCredentials.parse(encoded).map(basic -> new ClientCredentials(
                    URLDecoder.decode(basic.username(), StandardCharsets.UTF_8),
                    URLDecoder.decode(basic.password(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException malformedEscape) {
            return Optional.empty();
        }
    }

    sealed interface Result {
        /** No client credentials were presented. */
        record None() implements Result {
        }

        record Client(OAuthClient client) implements Result {
        }

        /** Credentials were presented and did not check out: 401 {@code invalid_client}. */
        record Failed(String reason) implements Result {
        }

        /** The request itself is wrong: 400 {@code invalid_request}. */
        record Malformed(String reason) implements Result {
        }
    }
}
