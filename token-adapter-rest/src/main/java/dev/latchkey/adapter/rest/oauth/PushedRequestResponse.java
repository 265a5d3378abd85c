package dev.latchkey.adapter.rest.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** RFC 9126 section 2.2: what the browser carries to the authorization endpoint, and for how many seconds it works. */
@Serdeable
record PushedRequestResponse(@JsonProperty("request_uri") String requestUri,
                             @JsonProperty("expires_in") long expiresIn) {
}
