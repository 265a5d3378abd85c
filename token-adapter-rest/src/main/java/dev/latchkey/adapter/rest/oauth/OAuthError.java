package dev.latchkey.adapter.rest.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/** An RFC 6749 section 5.2 error response, the shape every OAuth 2.0 client library parses. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthError(String error, @Nullable @JsonProperty("error_description") String errorDescription) {

    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_CLIENT = "invalid_client";
    static final String INVALID_GRANT = "invalid_grant";
    static final String INVALID_SCOPE = "invalid_scope";
    static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    /** RFC 8693 section 2.2.2. */
    static final String INVALID_TARGET = "invalid_target";
    static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    static MutableHttpResponse<OAuthError> badRequest(String error, String description) {
        return respond(HttpStatus.BAD_REQUEST, error, description);
    }

    /** 401 with a Basic challenge, as RFC 6749 asks when client authentication fails. */
    static MutableHttpResponse<OAuthError> invalidClient(String description) {
        return respond(HttpStatus.UNAUTHORIZED, INVALID_CLIENT, description)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"latchkey\", charset=\"UTF-8\"");
    }

    /** The same shape for errors the framework produced itself on an OAuth endpoint. */
    public static MutableHttpResponse<OAuthError> forStatus(MutableHttpResponse<?> response, String description) {
        String error = response.status() == HttpStatus.UNAUTHORIZED ? INVALID_CLIENT
                : response.status() == HttpStatus.SERVICE_UNAVAILABLE
                || response.status() == HttpStatus.TOO_MANY_REQUESTS ? "temporarily_unavailable"
                : response.status().getCode() >= 500 ? "server_error" : INVALID_REQUEST;
        return NoStore.apply(response.body(new OAuthError(error, description)).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    static MutableHttpResponse<OAuthError> respond(HttpStatus status, String error, String description) {
        return NoStore.apply(HttpResponse.<OAuthError>status(status).body(new OAuthError(error, description))
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    }
}
