package dev.latchkey.adapter.rest.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** RFC 6749 section 5.1, and RFC 8693 section 2.2.1's {@code issued_token_type} for an exchange. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(@JsonProperty("access_token") String accessToken,
                     @JsonProperty("token_type") String tokenType,
                     @JsonProperty("expires_in") long expiresIn,
                     @Nullable @JsonProperty("refresh_token") String refreshToken,
                     @Nullable String scope,
                     @Nullable @JsonProperty("issued_token_type") String issuedTokenType) {

    @Override
    public String toString() {
        return "TokenResponse[redacted]";
    }
}
