package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import java.time.Clock;
import java.util.Optional;

final class RevokeTokenService implements RevokeTokenUseCase {

    private final TokenDetailsReader reader;
    private final PresentedCredentials credentials;
    private final TokenLifecycle lifecycle;
    private final SignInSessionPort sessions;
    private final Clock clock;

    RevokeTokenService(TokenDetailsReader reader, PresentedCredentials credentials, TokenLifecycle lifecycle,
                       SignInSessionPort sessions, Clock clock) {
        this.reader = reader;
        this.credentials = credentials;
        this.lifecycle = lifecycle;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Outcome revoke(RevokeTokenCommand command) {
        Optional<Token> owned = reader.loadOwned(command.caller(), command.tokenId());
        if (owned.isEmpty()) {
            return new Outcome.NotFound(command.tokenId());
        }
        boolean revoked = lifecycle.revoke(owned.get(), clock.instant(), command.reason(),
                command.caller().actor());
        // Read back: when another request won the race, its revocation is the one that stands.
        TokenDetails current = reader.detailsOf(reader.reload(owned.get()));
        return revoked ? new Outcome.Revoked(current) : new Outcome.AlreadyRevoked(current);
    }

    @Override
    public int revokeAllOwn(Caller caller) {
        // Revoking everything is what someone does who fears a leak: their sign-in sessions end with the tokens.
        return lifecycle.inTransaction(() -> {
            int revoked = lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(caller.accountId()),
                    clock.instant(), RevocationReason.REQUESTED, caller.actor());
            sessions.endAllOf(caller.accountId());
            return revoked;
        });
    }

    @Override
    public PresentedOutcome revokePresented(RevokePresentedCommand command) {
        Optional<Token> token = credentials.find(command.token());
        if (token.isPresent() && command.publicClient().isPresent()
                && !token.get().client().equals(command.publicClient())) {
            return new PresentedOutcome.IssuedToAnotherClient();
        }
        // RFC 7009: whoever holds a token may revoke it; the client it was issued to, if any, presented it.
        Actor actor = command.publicClient().map(Actor::client)
                .orElseGet(() -> token.map(Token::owner).map(Actor::account).orElseGet(Actor::system));
        if (token.isEmpty() || !lifecycle.revoke(token.get(), clock.instant(), RevocationReason.REQUESTED, actor)) {
            return new PresentedOutcome.NothingToRevoke();
        }
        return new PresentedOutcome.Revoked(reader.detailsOf(reader.reload(token.get())));
    }
}
