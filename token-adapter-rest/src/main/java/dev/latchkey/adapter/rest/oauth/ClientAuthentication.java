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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Client authentication on the OAuth 2.0 endpoints (RFC 6749 section 2.3.1): {@code client_secret_basic}, with the id
 * and secret form-encoded inside HTTP Basic, {@code client_secret_post}, in the body, or {@code private_key_jwt}
 * (RFC 7523 section 2.2), an assertion signed by one of the client's keys ({@link ClientAssertions}). Using two at once
 * is an error; a {@code client_id} in the body beside another method is not a second method, but must name the same
 * client. A public client (section 2.1) has no secret and sends its {@code client_id} alone ({@code none}); a
 * confidential client that does so is refused, so that leaving out the secret never weakens one.
 */
@Singleton
final class ClientAuthentication {

    private final AuthenticateClientUseCase authenticateClient;
    private final ClientAssertions assertions;
    private final IssuerLocation issuer;

    ClientAuthentication(AuthenticateClientUseCase authenticateClient, ClientAssertions assertions,
                         IssuerLocation issuer) {
        this.authenticateClient = authenticateClient;
        this.assertions = assertions;
        this.issuer = issuer;
    }

    Result authenticate(HttpRequest<?> request, FormParameters form) {
        Optional<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                .filter(header -> header.regionMatches(true, 0, "Basic ", 0, 6));
        Optional<String> postedId = form.get("client_id");
        Optional<String> postedSecret = form.get("client_secret");
        Optional<String> assertionType = form.get("client_assertion_type");
        Optional<String> assertion = form.get("client_assertion");
        int methods = (authorization.isPresent() ? 1 : 0) + (postedSecret.isPresent() ? 1 : 0)
                + (assertionType.isPresent() || assertion.isPresent() ? 1 : 0);
        if (methods > 1) {
            return new Result.Malformed("use one client authentication method, not two");
        }
        if (assertionType.isPresent() || assertion.isPresent()) {
            if (!assertionType.filter(ClientAssertions.JWT_BEARER::equals).isPresent() || assertion.isEmpty()) {
                return new Result.Malformed("client_assertion_type must be " + ClientAssertions.JWT_BEARER
                        + ", with a client_assertion");
            }
            return signed(request, assertion.get(), postedId);
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

    /**
     * An assertion's {@code aud} may name the issuer or the token endpoint, as RFC 7523 and OpenID Connect have it, or
     * the endpoint it was sent to (introspection, revocation, pushed requests).
     */
    private Result signed(HttpRequest<?> request, String assertion, Optional<String> postedId) {
        String base = issuer.of(request);
        ClientAssertions.Outcome outcome = assertions.check(assertion,
                Stream.of(base, base + OAuthEndpoints.TOKEN, base + request.getPath()).collect(Collectors.toSet()),
                postedId);
        if (outcome instanceof ClientAssertions.Outcome.Authenticated authenticated) {
            return new Result.Client(authenticated.client());
        }
        return new Result.Failed(((ClientAssertions.Outcome.Refused) outcome).reason());
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
