package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import java.time.Clock;
import java.util.Optional;

final class RevokeTokenService implements RevokeTokenUseCase {

    private final TokenDetailsReader reader;
    private final PresentedCredentials credentials;
    private final TokenLifecycle lifecycle;
    private final Clock clock;

    RevokeTokenService(TokenDetailsReader reader, PresentedCredentials credentials, TokenLifecycle lifecycle,
                       Clock clock) {
        this.reader = reader;
        this.credentials = credentials;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Override
    public Outcome revoke(RevokeTokenCommand command) {
        Optional<Token> owned = reader.loadOwned(command.caller(), command.tokenId());
        if (owned.isEmpty()) {
            return new Outcome.NotFound(command.tokenId());
        }
        boolean revoked = revokeNow(owned.get(), command.reason());
        // Read back: when another request won the race, its revocation is the one that stands.
        TokenDetails current = reader.detailsOf(reader.reload(owned.get()));
        return revoked ? new Outcome.Revoked(current) : new Outcome.AlreadyRevoked(current);
    }

    @Override
    public PresentedOutcome revokePresented(RevokePresentedCommand command) {
        Optional<Token> token = credentials.find(command.token());
        if (token.isPresent() && command.publicClient().isPresent()
                && !token.get().client().equals(command.publicClient())) {
            return new PresentedOutcome.IssuedToAnotherClient();
        }
        if (token.isEmpty() || !revokeNow(token.get(), RevocationReason.REQUESTED)) {
            return new PresentedOutcome.NothingToRevoke();
        }
        return new PresentedOutcome.Revoked(reader.detailsOf(reader.reload(token.get())));
    }

    /** Revokes a token now, with its grant when it is a refresh token; whether this call revoked it. */
    boolean revokeNow(Token token, RevocationReason reason) {
        return lifecycle.revoke(token, clock.instant(), reason);
    }
}
