package dev.latchkey.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;

/** The one response that carries a token's secret. */
@Serdeable
record IssuedTokenResponse(String token, TokenInfo tokenInfo) {

    @Override
    public String toString() {
        return "IssuedTokenResponse[token=redacted, tokenInfo=" + tokenInfo + "]";
    }
}
