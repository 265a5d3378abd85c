package dev.latchkey.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The one response that carries a token's secret. */
@Serdeable
record IssuedTokenResponse(
        @Schema(description = "the secret, shown in this response only",
                example = "lk_3kTqV8mYb2N1pR7cW4xZ9aE6fH0jL5sD2gK8uQ1tB3n") String token,
        TokenInfo tokenInfo) {

    @Override
    public String toString() {
        return "IssuedTokenResponse[token=redacted, tokenInfo=" + tokenInfo + "]";
    }
}
