package dev.latchkey.adapter.rest.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase.Introspector;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/** The RFC 7662 response, and who may ask for it. */
final class Introspection {

    private Introspection() {
    }

    static Response responseFor(IntrospectTokenUseCase.Outcome outcome) {
        if (!(outcome instanceof IntrospectTokenUseCase.Outcome.Active active)) {
            return Response.INACTIVE;
        }
        Token token = active.token();
        String scope = token.scopes().asSpaceDelimited();
        long issuedAt = token.createdAt().getEpochSecond();
        return new Response(true, scope.isEmpty() ? null : scope, token.client().map(ClientId::value).orElse(null),
                active.owner().username().value(), token.kind() == TokenKind.REFRESH ? "refresh_token"
                        : token.proofKey().isPresent() ? "DPoP" : "Bearer",
                token.expiry().instant().map(instant -> instant.getEpochSecond()).orElse(null),
                issuedAt, issuedAt, token.owner().toString(), token.audience().map(Audience::value).orElse(null),
                token.id().toString(), token.lastUsedAt().map(instant -> instant.getEpochSecond()).orElse(null),
                token.proofKey().map(key -> new Confirmation(key.value())).orElse(null));
    }

    /** RFC 9449 section 6.2: the thumbprint of the key a bound token is bound to, for a resource server to check. */
    @Serdeable
    record Confirmation(String jkt) {
    }

    /**
     * RFC 7662 section 2.2. Times are NumericDate (seconds since the epoch); {@code exp} is absent for a token that
     * never expires, {@code aud} for one meant for anyone, {@code client_id} for one issued to no client; a token is
     * valid from its issue, so {@code nbf} is {@code iat}. For a client's own token (client credentials), {@code sub}
     * is the client's id. {@code last_used_at} is Latchkey's extension, in the same form. An inactive token is
     * described by {@code active: false} alone. A token bound to a key (RFC 9449) is of {@code token_type} {@code DPoP},
     * with {@code cnf.jkt}.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Response(boolean active, @Nullable String scope, @Nullable @JsonProperty("client_id") String clientId,
                    @Nullable String username, @Nullable @JsonProperty("token_type") String tokenType,
                    @Nullable Long exp, @Nullable Long iat, @Nullable Long nbf, @Nullable String sub,
                    @Nullable String aud, @Nullable String jti,
                    @Nullable @JsonProperty("last_used_at") Long lastUsedAt, @Nullable Confirmation cnf) {

        static final Response INACTIVE = new Response(false, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    sealed interface Caller {
        /** @param publicClient the caller's id, when it is a public client */
        record Allowed(Introspector introspector, Optional<ClientId> publicClient) implements Caller {
        }

        record Refused(HttpResponse<?> response) implements Caller {
        }
    }
}
