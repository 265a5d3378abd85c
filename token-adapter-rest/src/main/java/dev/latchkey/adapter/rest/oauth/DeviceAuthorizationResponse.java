package dev.latchkey.adapter.rest.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** RFC 8628 section 3.2: what a device shows its person, and how it polls. */
@Serdeable
record DeviceAuthorizationResponse(@JsonProperty("device_code") String deviceCode,
                                   @JsonProperty("user_code") String userCode,
                                   @JsonProperty("verification_uri") String verificationUri,
                                   @JsonProperty("verification_uri_complete") String verificationUriComplete,
                                   @JsonProperty("expires_in") long expiresIn,
                                   long interval) {

    @Override
    public String toString() {
        return "DeviceAuthorizationResponse[redacted]";
    }
}
