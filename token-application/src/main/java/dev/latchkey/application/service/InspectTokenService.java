package dev.latchkey.application.service;

import dev.latchkey.application.port.in.InspectTokenUseCase;

final class InspectTokenService implements InspectTokenUseCase {

    private final TokenDetailsReader reader;

    InspectTokenService(TokenDetailsReader reader) {
        this.reader = reader;
    }

    @Override
    public Outcome inspect(InspectTokenQuery query) {
        return reader.loadOwned(query.caller(), query.tokenId())
                .<Outcome>map(token -> new Outcome.Found(reader.detailsOf(token)))
                .orElseGet(() -> new Outcome.NotFound(query.tokenId()));
    }
}
