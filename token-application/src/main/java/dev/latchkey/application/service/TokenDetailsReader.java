package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.time.Clock;
import java.util.Optional;

/** Reads a token on behalf of a caller: another account's token is treated exactly as a missing one. */
final class TokenDetailsReader {

    private final LoadTokenPort tokens;
    private final Clock clock;

    TokenDetailsReader(LoadTokenPort tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    Optional<Token> loadOwned(Caller caller, TokenId id) {
        return tokens.loadById(id).filter(token -> token.isOwnedBy(caller.accountId()));
    }

    /** The token as stored now, or as given if it has vanished meanwhile. */
    Token reload(Token token) {
        return tokens.loadById(token.id()).orElse(token);
    }

    java.time.Instant now() {
        return clock.instant();
    }

    TokenDetails detailsOf(Token token) {
        return new TokenDetails(token, token.statusAt(clock.instant()));
    }
}
