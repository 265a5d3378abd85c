package dev.latchkey.application.service;

import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class IntrospectTokenService implements IntrospectTokenUseCase {

    private final PresentedCredentials credentials;
    private final LoadTokenPort tokens;
    private final TokenValidity validity;
    private final TokenLifecycle lifecycle;
    private final Clock clock;

    IntrospectTokenService(PresentedCredentials credentials, LoadTokenPort tokens, TokenValidity validity,
                           TokenLifecycle lifecycle, Clock clock) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.validity = validity;
        this.lifecycle = lifecycle;
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
        if (!(validity.check(found.get(), now) instanceof TokenValidity.Verdict.Active active)) {
            return new Outcome.Inactive();
        }
        Token token = found.get();
        if (!query.peek() && token.kind() != TokenKind.REFRESH
                && token.use(now) instanceof Token.UseOutcome.Used used) {
            // A use is recorded exactly as when the token is presented.
            lifecycle.recordUse(used);
            token = used.token();
        }
        return new Outcome.Active(token, active.owner());
    }

    private boolean carriesIntrospectScope(Introspector.TokenBearer bearer) {
        Instant now = clock.instant();
        return bearer.caller().presentedToken().flatMap(tokens::loadById)
                .filter(token -> token.scopes().contains(Scopes.INTROSPECT))
                .filter(token -> validity.check(token, now) instanceof TokenValidity.Verdict.Active)
                .isPresent();
    }
}
