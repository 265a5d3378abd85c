package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SignInSettings;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Registers an OAuth 2.0 client; administrators only. A client allowed the client-credentials grant gets its service
 * account with it, which owns the tokens it obtains as itself.
 */
public interface RegisterClientUseCase {

    Outcome register(RegisterClientCommand command);

    /**
     * @param grantTypes absent: {@link OAuthClient#defaultGrantTypes(ClientType, boolean)}
     * @param scopes     absent: the client does not limit scopes
     * @param signIn     where it may send people back after they sign in, for the authorization code grant
     * @param keys       for a confidential client that signs its assertions instead of holding a secret, its keys;
     *                   and whether its access tokens must be DPoP-bound
     */
    record RegisterClientCommand(Caller registrar, String name, ClientType type, Optional<Set<GrantType>> grantTypes,
                                 Optional<Scopes> scopes, SignInSettings signIn, KeySettings keys) {
        public RegisterClientCommand {
            Objects.requireNonNull(registrar, "registrar");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(grantTypes, "grantTypes");
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(signIn, "signIn");
            Objects.requireNonNull(keys, "keys");
        }

        /** A client that sends no one to sign in. */
        public RegisterClientCommand(Caller registrar, String name, ClientType type,
                                     Optional<Set<GrantType>> grantTypes, Optional<Scopes> scopes) {
            this(registrar, name, type, grantTypes, scopes, SignInSettings.none(), KeySettings.none());
        }

        /** A confidential client with the default grants and no scope limit. */
        public static RegisterClientCommand confidential(Caller registrar, String name) {
            return new RegisterClientCommand(registrar, name, ClientType.CONFIDENTIAL, Optional.empty(),
                    Optional.empty());
        }
    }

    /** What a client registration came to. */
    sealed interface Outcome {
        /** The secret, for a confidential client that has one, is in clear here and nowhere else. */
        record Registered(OAuthClient client, Optional<ClientSecret> secret) implements Outcome {
        }


        /** The registration asks for something no client may have; the reason names it. */
        record Refused(String field, String reason) implements Outcome {
        }
    }
}
