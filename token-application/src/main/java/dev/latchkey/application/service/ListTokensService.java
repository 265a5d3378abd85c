package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.TokenFilter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class ListTokensService implements ListTokensUseCase {

    private final LoadTokenPort tokens;
    private final LoadAccountPort accounts;
    private final TokenDetailsReader reader;
    private final Clock clock;

    ListTokensService(LoadTokenPort tokens, LoadAccountPort accounts, TokenDetailsReader reader, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public TokenListing list(ListTokensQuery query) {
        return listOwnedBy(query.caller().accountId(), query);
    }

    @Override
    public java.util.List<TokenDetails> listAll(Caller caller, TokenFilter filter) {
        return tokens.loadMatching(Optional.of(caller.accountId()), filter, clock.instant(), 0, MAXIMUM_UNPAGED)
                .stream().map(reader::detailsOf).toList();
    }

    @Override
    public AdministratorListing listForAdministrator(AdministratorQuery query) {
        query.administrator().requireAdministrator();
        Optional<AccountId> owner = Optional.empty();
        if (query.account().isPresent()) {
            owner = accounts.loadByUsername(query.account().get()).map(Account::id);
            if (owner.isEmpty()) {
                return new AdministratorListing.AccountNotFound();
            }
        }
        return new AdministratorListing.Listed(listMatching(owner,
                new ListTokensQuery(query.administrator(), query.filter(), query.page(), query.size())));
    }

    /** Any account's tokens, for a use case that has already decided the caller may see them. */
    TokenListing listOwnedBy(AccountId owner, ListTokensQuery page) {
        return listMatching(Optional.of(owner), page);
    }

    private TokenListing listMatching(Optional<AccountId> owner, ListTokensQuery page) {
        Instant now = clock.instant();
        return new TokenListing(tokens.loadMatching(owner, page.filter(), now, page.offset(), page.size()).stream()
                .map(reader::detailsOf).toList(), page.page(), page.size(),
                tokens.countMatching(owner, page.filter(), now));
    }
}
