package dev.latchkey.adapter.rest.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** RFC 6749 section 5.1. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(@JsonProperty("access_token") String accessToken,
                     @JsonProperty("token_type") String tokenType,
                     @JsonProperty("expires_in") long expiresIn,
                     @JsonProperty("refresh_token") String refreshToken,
                     @Nullable String scope) {

    @Override
    public String toString() {
        return "TokenResponse[redacted]";
    }
}
