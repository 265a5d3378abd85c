package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.OAuthClient;
import java.time.Duration;
import java.util.Objects;

/**
 * An administrator gives a confidential client a new secret: routinely, with the old one still accepted for a while
 * so that the client's deployments move over one by one, or after a leak, with the old one ended at once and,
 * if asked, every token the client holds revoked. Administrators only.
 */
public interface RotateClientSecretUseCase {

    Outcome rotate(RotateClientSecretCommand command);

    /**
     * @param previousSecretValidFor how long the replaced secret stays accepted: zero to
     *                               {@link OAuthClient#MAX_RETIRING_SECRET}
     * @param revokeTokens           also revoke every token issued to the client, as after a leak
     */
    record RotateClientSecretCommand(Caller administrator, ClientId client, Duration previousSecretValidFor,
                                     boolean revokeTokens) {
        public RotateClientSecretCommand {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(previousSecretValidFor, "previousSecretValidFor");
        }
    }

    /** What a rotation came to. */
    sealed interface Outcome {
        /**
         * The new secret is in clear here and nowhere else; {@code revoked} counts the tokens revoked with it.
         */
        record Rotated(OAuthClient client, ClientSecret secret, int revoked) implements Outcome {
            @Override
            public String toString() {
                return "Rotated[client=" + client + ", revoked=" + revoked + "]";
            }
        }

        /** No client has that id. */
        record ClientNotFound() implements Outcome {
        }

        /** The client has no secret to rotate: it is public, or signs its assertions with keys. */
        record HasNoSecret() implements Outcome {
        }

        /** The overlap asked for is not allowed; the reason says what is. */
        record Refused(String field, String reason) implements Outcome {
        }
    }
}
