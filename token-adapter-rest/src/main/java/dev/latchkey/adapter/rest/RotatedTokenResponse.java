package dev.latchkey.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;

/** The replacement with its secret (shown once, or again to a retry with the same Idempotency-Key), and the old token. */
@Serdeable
record RotatedTokenResponse(String token, TokenInfo tokenInfo, TokenInfo rotatedTokenInfo) {

    @Override
    public String toString() {
        return "RotatedTokenResponse[token=redacted, tokenInfo=" + tokenInfo + "]";
    }
}
