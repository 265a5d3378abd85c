package dev.latchkey.application.port.in;

import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.TokenId;
import java.util.Objects;

/** Revokes one of the caller's tokens. Revoking is idempotent and irreversible. */
public interface RevokeTokenUseCase {

    Outcome revoke(RevokeTokenCommand command);

    record RevokeTokenCommand(Caller caller, TokenId tokenId, RevocationReason reason) {
        public RevokeTokenCommand {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    sealed interface Outcome {
        record Revoked(TokenDetails details) implements Outcome {
        }

        record AlreadyRevoked(TokenDetails details) implements Outcome {
        }

        record NotFound(TokenId tokenId) implements Outcome {
        }
    }
}
