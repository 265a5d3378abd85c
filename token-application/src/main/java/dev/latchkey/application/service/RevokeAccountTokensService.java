package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import java.time.Clock;
import java.util.Optional;

/** Revokes other accounts' tokens; administrators only. */
final class RevokeAccountTokensService implements RevokeAccountTokensUseCase {

    private final LoadAccountPort accounts;
    private final LoadTokenPort tokens;
    private final SignInSessionPort sessions;
    private final TokenLifecycle lifecycle;
    private final Clock clock;

    RevokeAccountTokensService(LoadAccountPort accounts, LoadTokenPort tokens, SignInSessionPort sessions,
                               TokenLifecycle lifecycle, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Override
    public Outcome revokeAll(Caller administrator, Username username) {
        Actor actor = administrator.requireAdministrator().actor();
        Optional<Account> found = accounts.loadByUsername(username);
        if (found.isEmpty()) {
            return new Outcome.AccountNotFound();
        }
        int revoked = lifecycle.inTransaction(() -> {
            int count = lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(found.get().id()),
                    clock.instant(), RevocationReason.REQUESTED, actor);
            sessions.endAllOf(found.get().id());
            return count;
        });
        return new Outcome.Revoked(found.get(), revoked);
    }

    @Override
    public Outcome revoke(Caller administrator, Username username, TokenId tokenId) {
        administrator.requireAdministrator();
        Optional<Account> found = accounts.loadByUsername(username);
        if (found.isEmpty()) {
            return new Outcome.AccountNotFound();
        }
        return revoke(administrator, tokens.loadById(tokenId).filter(token -> token.isOwnedBy(found.get().id())));
    }

    @Override
    public Outcome revoke(Caller administrator, TokenId tokenId) {
        administrator.requireAdministrator();
        return revoke(administrator, tokens.loadById(tokenId));
    }

    private Outcome revoke(Caller administrator, Optional<Token> token) {
        Optional<Account> owner = token.flatMap(found -> accounts.loadById(found.owner()));
        if (owner.isEmpty()) {
            return new Outcome.TokenNotFound();
        }
        boolean revoked = lifecycle.revoke(token.get(), clock.instant(), RevocationReason.REQUESTED,
                administrator.actor());
        return new Outcome.Revoked(owner.get(), revoked ? 1 : 0);
    }
}
