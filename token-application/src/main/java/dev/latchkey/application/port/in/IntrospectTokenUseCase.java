package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Token;
import java.util.Objects;

/**
 * Tells a resource server whether a token is active, and what it is (RFC 7662). Introspection counts as a use of
 * the token, except in peek mode.
 */
public interface IntrospectTokenUseCase {

    Outcome introspect(IntrospectionQuery query);

    /** @param peek look without recording a use */
    record IntrospectionQuery(Introspector introspector, String token, boolean peek) {
        public IntrospectionQuery {
            Objects.requireNonNull(introspector, "introspector");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "IntrospectionQuery[introspector=" + introspector + ", token=redacted, peek=" + peek + "]";
        }
    }

    /** Who asks: a registered client, or the bearer of a token that carries the {@code introspect} scope. */
    sealed interface Introspector {
        /** A registered confidential client: a gateway or resource server. */
        record Client(ClientId client) implements Introspector {
        }

        /** The holder of a token that carries the {@code introspect} scope. */
        record TokenBearer(Caller caller) implements Introspector {
        }
    }

    /** What introspection found; anything but an active token is {@link Inactive}, whatever the cause. */
    sealed interface Outcome {
        /** The token is active; here are its facts and its owner. */
        record Active(Token token, Account owner) implements Outcome {
        }

        /** Unknown, malformed, expired, revoked, spent: the introspector learns nothing more. */
        record Inactive() implements Outcome {
        }

        /** The introspector's token lacks the {@code introspect} scope. */
        record NotAllowed() implements Outcome {
        }
    }
}
