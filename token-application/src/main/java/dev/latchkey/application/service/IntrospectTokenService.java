package dev.latchkey.application.service;

import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class IntrospectTokenService implements IntrospectTokenUseCase {

    private final PresentedCredentials credentials;
    private final LoadTokenPort tokens;
    private final LoadAccountPort accounts;
    private final UpdateTokenStatePort tokenState;
    private final Clock clock;

    IntrospectTokenService(PresentedCredentials credentials, LoadTokenPort tokens, LoadAccountPort accounts,
                           UpdateTokenStatePort tokenState, Clock clock) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.accounts = accounts;
        this.tokenState = tokenState;
        this.clock = clock;
    }

    @Override
    public Outcome introspect(IntrospectionQuery query) {
        if (query.introspector() instanceof Introspector.TokenBearer bearer && !carriesIntrospectScope(bearer)) {
            return new Outcome.NotAllowed();
        }
        Optional<Token> found = credentials.find(query.token());
        if (found.isEmpty()) {
            return new Outcome.Inactive();
        }
        Instant now = clock.instant();
        Optional<Token> current = query.peek() || found.get().kind() == TokenKind.REFRESH
                ? lookWithoutUsing(found.get(), now) : use(found.get(), now);
        Optional<Account> owner = current.flatMap(token -> accounts.loadById(token.owner())).filter(Account::enabled);
        if (current.isEmpty() || owner.isEmpty()) {
            return new Outcome.Inactive();
        }
        return new Outcome.Active(current.get(), owner.get());
    }

    /** A use is recorded exactly as when the token is presented. */
    private Optional<Token> use(Token token, Instant now) {
        if (!(token.use(now) instanceof Token.UseOutcome.Used used)) {
            return Optional.empty();
        }
        tokenState.recordUse(token.id(), now);
        return Optional.of(used.token());
    }

    private static Optional<Token> lookWithoutUsing(Token token, Instant now) {
        return Optional.of(token).filter(found -> found.isActiveAt(now));
    }

    private boolean carriesIntrospectScope(Introspector.TokenBearer bearer) {
        return bearer.caller().presentedToken().flatMap(tokens::loadById)
                .filter(token -> token.scopes().contains(Scopes.INTROSPECT))
                .isPresent();
    }
}
