package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.domain.AccountId;

final class ListTokensService implements ListTokensUseCase {

    private final LoadTokenPort tokens;
    private final TokenDetailsReader reader;

    ListTokensService(LoadTokenPort tokens, TokenDetailsReader reader) {
        this.tokens = tokens;
        this.reader = reader;
    }

    @Override
    public TokenListing list(ListTokensQuery query) {
        return listOwnedBy(query.caller().accountId(), query);
    }

    /** Any account's tokens, for a use case that has already decided the caller may see them. */
    TokenListing listOwnedBy(AccountId owner, ListTokensQuery page) {
        return new TokenListing(
                tokens.loadOwnedBy(owner, page.offset(), page.size()).stream().map(reader::detailsOf).toList(),
                page.page(), page.size(), tokens.countOwnedBy(owner));
    }
}
