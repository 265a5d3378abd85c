package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase.Reason;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one definition of an active token, which every path asks: authentication, introspection, and the platforms'
 * token-info calls. A token is active while it is neither expired, revoked nor spent, its account exists and is
 * enabled, the account may still hold every scope the token carries (an administrator's {@code introspect}, a
 * partner's {@code partner:<id>}), and a partner-scoped token's partner still has its agreements signed. Only the
 * first of those is a fact about the token; the rest can change after issue, which is why no path may check the
 * token alone.
 */
final class TokenValidity {

    private final LoadAccountPort accounts;
    private final LoadPartnerPort partners;

    TokenValidity(LoadAccountPort accounts, LoadPartnerPort partners) {
        this.accounts = accounts;
        this.partners = partners;
    }

    Verdict check(Token token, Instant now) {
        TokenStatus status = token.statusAt(now);
        if (status instanceof TokenStatus.Expired) {
            return new Verdict.Inactive(Reason.TOKEN_EXPIRED);
        }
        if (!(status instanceof TokenStatus.Active)) {
            return new Verdict.Inactive(Reason.TOKEN_REVOKED);
        }
        Optional<Account> owner = accounts.loadById(token.owner());
        if (owner.isEmpty()) {
            return new Verdict.Inactive(Reason.UNKNOWN_TOKEN);
        }
        if (!owner.get().enabled()) {
            return new Verdict.Inactive(Reason.ACCOUNT_DISABLED);
        }
        if (!owner.get().mayHold(token.scopes())) {
            return new Verdict.Inactive(Reason.SCOPE_NO_LONGER_HELD);
        }
        if (token.scopes().partner().flatMap(partners::loadById)
                .map(partner -> !partner.agreementsSigned()).orElse(false)) {
            return new Verdict.Inactive(Reason.PARTNER_AGREEMENTS_NOT_SIGNED);
        }
        return new Verdict.Active(owner.get());
    }

    sealed interface Verdict {
        record Active(Account owner) implements Verdict {
            public Active {
                Objects.requireNonNull(owner, "owner");
            }
        }

        record Inactive(Reason reason) implements Verdict {
            public Inactive {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
