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
        AccountId owner = query.caller().accountId();
        return new TokenListing(
                tokens.loadOwnedBy(owner, query.offset(), query.size()).stream().map(reader::detailsOf).toList(),
                query.page(), query.size(), tokens.countOwnedBy(owner));
    }
}
