package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.TokenId;
import java.util.Objects;
import java.util.Optional;

/** Revokes one of the caller's tokens. Revoking is idempotent and irreversible. */
public interface RevokeTokenUseCase {

    Outcome revoke(RevokeTokenCommand command);

    /** The cut-off: revokes every token the caller's account holds now, the one presented included; how many. */
    int revokeAllOwn(Caller caller);

    /**
     * Revokes the token whose credential is presented (RFC 7009). Possessing a credential is enough to destroy it;
     * a refresh token takes its whole grant with it.
     */
    PresentedOutcome revokePresented(RevokePresentedCommand command);

    /**
     * @param publicClient a public client asking: it may revoke only tokens issued to it (RFC 7009 section 2.1),
     *                     since its id, all it authenticates with, is no secret
     */
    record RevokePresentedCommand(String token, Optional<ClientId> publicClient) {
        public RevokePresentedCommand {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(publicClient, "publicClient");
        }

        public RevokePresentedCommand(String token) {
            this(token, Optional.empty());
        }

        @Override
        public String toString() {
            return "RevokePresentedCommand[token=redacted]";
        }
    }

    /** What revoking a presented credential came to: RFC 7009 answers the same for each but one. */
    sealed interface PresentedOutcome {
        /** The token, and its grant for a refresh token, are revoked. */
        record Revoked(TokenDetails details) implements PresentedOutcome {
        }

        /** Unknown, malformed or already revoked: nothing changed, and RFC 7009 answers 200 all the same. */
        record NothingToRevoke() implements PresentedOutcome {
        }

        /** A public client presented a token issued to another client; nothing changed. */
        record IssuedToAnotherClient() implements PresentedOutcome {
        }
    }

    /** Revokes one of the caller's tokens by id, for the given reason. */
    record RevokeTokenCommand(Caller caller, TokenId tokenId, RevocationReason reason) {
        public RevokeTokenCommand {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** What revoking a token by id came to. */
    sealed interface Outcome {
        /** The token is revoked from now on. */
        record Revoked(TokenDetails details) implements Outcome {
        }

        /** The token was revoked before; revoking is idempotent, so this is no error. */
        record AlreadyRevoked(TokenDetails details) implements Outcome {
        }

        /** The caller has no token with that id; another account's token is not found either. */
        record NotFound(TokenId tokenId) implements Outcome {
        }
    }
}
