package dev.latchkey.application.service;

import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Token;
import java.util.Optional;

final class InspectTokenService implements InspectTokenUseCase {

    private final TokenDetailsReader reader;
    private final PresentedCredentials credentials;
    private final LoadAccountPort accounts;
    private final TokenValidity validity;

    InspectTokenService(TokenDetailsReader reader, PresentedCredentials credentials, LoadAccountPort accounts,
                        TokenValidity validity) {
        this.reader = reader;
        this.credentials = credentials;
        this.accounts = accounts;
        this.validity = validity;
    }

    @Override
    public Outcome inspect(InspectTokenQuery query) {
        return reader.loadOwned(query.caller(), query.tokenId())
                .<Outcome>map(token -> new Outcome.Found(reader.detailsOf(token)))
                .orElseGet(() -> new Outcome.NotFound(query.tokenId()));
    }

    @Override
    public PresentedOutcome inspectPresented(InspectPresentedQuery query) {
        Optional<Token> token = credentials.find(query.credential()).map(reader::reload);
        Optional<Account> owner = token.flatMap(found -> accounts.loadById(found.owner()));
        Optional<Account> caller = accounts.loadById(query.caller().accountId());
        if (token.isEmpty() || owner.isEmpty() || caller.isEmpty() || !sameOrganization(caller.get(), owner.get())) {
            return new PresentedOutcome.NotFound();
        }
        return validity.check(token.get(), reader.now()) instanceof TokenValidity.Verdict.Active
                ? new PresentedOutcome.Found(reader.detailsOf(token.get()), owner.get()) : new PresentedOutcome.NotFound();
    }

    private static boolean sameOrganization(Account caller, Account owner) {
        return caller.id().equals(owner.id())
                || (caller.organization().isPresent() && caller.organization().equals(owner.organization()));
    }
}
