package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.application.port.out.PublishTokenEventPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.application.port.out.UpdateTokenStatePort.RevocationWrite;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenKind;
import java.time.Instant;
import java.time.Clock;
import java.util.Optional;

final class RevokeTokenService implements RevokeTokenUseCase {

    private final TokenDetailsReader reader;
    private final PresentedCredentials credentials;
    private final UpdateTokenStatePort tokenState;
    private final PublishTokenEventPort events;
    private final Clock clock;

    RevokeTokenService(TokenDetailsReader reader, PresentedCredentials credentials, UpdateTokenStatePort tokenState,
                       PublishTokenEventPort events, Clock clock) {
        this.reader = reader;
        this.credentials = credentials;
        this.tokenState = tokenState;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Outcome revoke(RevokeTokenCommand command) {
        Optional<Token> owned = reader.loadOwned(command.caller(), command.tokenId());
        if (owned.isEmpty()) {
            return new Outcome.NotFound(command.tokenId());
        }
        RevocationWrite write = revokeNow(owned.get(), command.reason());
        // Read back: when another request won the race, its revocation is the one that stands.
        TokenDetails current = reader.detailsOf(reader.reload(owned.get()));
        return write == RevocationWrite.RECORDED ? new Outcome.Revoked(current) : new Outcome.AlreadyRevoked(current);
    }

    @Override
    public PresentedOutcome revokePresented(RevokePresentedCommand command) {
        Optional<Token> token = credentials.find(command.token());
        if (token.isPresent() && command.publicClient().isPresent()
                && !token.get().client().equals(command.publicClient())) {
            return new PresentedOutcome.IssuedToAnotherClient();
        }
        if (token.isEmpty() || revokeNow(token.get(), RevocationReason.REQUESTED) == RevocationWrite.ALREADY_REVOKED) {
            return new PresentedOutcome.NothingToRevoke();
        }
        return new PresentedOutcome.Revoked(reader.detailsOf(reader.reload(token.get())));
    }

    /**
     * Revokes a token now. A refresh token takes its whole grant with it, access tokens included (RFC 7009 section 2.1):
     * whoever stole it may already have exchanged it.
     */
    RevocationWrite revokeNow(Token token, RevocationReason reason) {
        Instant now = clock.instant();
        Token.RevocationOutcome outcome = token.revoke(now, reason);
        if (outcome instanceof Token.RevocationOutcome.AlreadyRevoked) {
            return RevocationWrite.ALREADY_REVOKED;
        }
        Token.RevocationOutcome.Revoked revoked = (Token.RevocationOutcome.Revoked) outcome;
        Revocation revocation = revoked.token().revocation().orElseThrow();
        RevocationWrite write = tokenState.recordRevocation(token.id(), revocation);
        if (token.kind() == TokenKind.REFRESH && token.grant().isPresent()) {
            tokenState.revokeGrant(token.grant().get(), new Revocation(now, RevocationReason.GRANT_REVOKED));
        }
        if (write == RevocationWrite.RECORDED) {
            events.publish(revoked.event());
        }
        return write;
    }
}
