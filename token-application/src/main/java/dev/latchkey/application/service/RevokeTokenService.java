package dev.latchkey.application.service;

import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.out.PublishTokenEventPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.Token;
import java.time.Clock;
import java.util.Optional;

final class RevokeTokenService implements RevokeTokenUseCase {

    private final TokenDetailsReader reader;
    private final UpdateTokenStatePort tokenState;
    private final PublishTokenEventPort events;
    private final Clock clock;

    RevokeTokenService(TokenDetailsReader reader, UpdateTokenStatePort tokenState, PublishTokenEventPort events,
                       Clock clock) {
        this.reader = reader;
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
        Token.RevocationOutcome outcome = owned.get().revoke(clock.instant(), command.reason());
        if (outcome instanceof Token.RevocationOutcome.AlreadyRevoked already) {
            return new Outcome.AlreadyRevoked(reader.detailsOf(already.token()));
        }
        Token.RevocationOutcome.Revoked revoked = (Token.RevocationOutcome.Revoked) outcome;
        Token token = revoked.token();
        UpdateTokenStatePort.RevocationWrite write =
                tokenState.recordRevocation(token.id(), token.revocation().orElseThrow());
        if (write == UpdateTokenStatePort.RevocationWrite.ALREADY_REVOKED) {
            // Another request revoked it between our read and our write: its revocation is the one that stands.
            Token current = reader.loadOwned(command.caller(), command.tokenId()).orElse(token);
            return new Outcome.AlreadyRevoked(reader.detailsOf(current));
        }
        events.publish(revoked.event());
        return new Outcome.Revoked(reader.detailsOf(token));
    }
}
