package dev.latchkey.adapter.rest.problem;

import io.micronaut.http.HttpStatus;
import java.util.Arrays;
import java.util.Locale;

/** Every kind of problem the native API reports; each type URI is documented in docs/api.md. */
public enum ProblemType {
    // Generic types: each describes its status in general, so framework errors that carry only a status use them.
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "The request is invalid", true),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication is required", true),
    FORBIDDEN(HttpStatus.FORBIDDEN, "The caller may not do this", true),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource", true),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", true),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", true),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "The request is too large", true),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", true),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests; retry later", true),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", true),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The service cannot serve this now; retry shortly", true),
    // Specific types: a particular failure a client may want to tell apart.
    MALFORMED_BODY(HttpStatus.BAD_REQUEST, "The request body is not a single JSON object", false),
    LIFETIME_NOT_ALLOWED(HttpStatus.BAD_REQUEST, "The requested lifetime is not allowed", false),
    POLICY_VIOLATED(HttpStatus.CONFLICT, "The issuance policy does not allow this token", false),
    POLICY_NOT_FOUND(HttpStatus.NOT_FOUND, "No such policy", false),
    NO_TOKEN_PRESENTED(HttpStatus.BAD_REQUEST, "The request was not authenticated with a token", false),
    DELEGATION_NOT_ALLOWED(HttpStatus.FORBIDDEN, "The presenting token may not issue this token", false),
    SCOPE_NOT_ALLOWED(HttpStatus.FORBIDDEN, "The account may not hold a requested scope", false),
    CROSS_SITE_REQUEST(HttpStatus.FORBIDDEN, "Another site's page may not change anything here", false),
    TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND, "No such token", false),
    TOKEN_NOT_ROTATABLE(HttpStatus.CONFLICT, "The token cannot be rotated", false),
    ACCOUNT_NOT_FOUND(HttpStatus.NOT_FOUND, "No such account", false),
    PARTNER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such partner", false),
    CLIENT_NOT_FOUND(HttpStatus.NOT_FOUND, "No such client", false),
    WEBHOOK_NOT_FOUND(HttpStatus.NOT_FOUND, "No such webhook endpoint", false),
    DELIVERY_NOT_FOUND(HttpStatus.NOT_FOUND, "No such delivery to send again", false),
    CLIENT_HAS_NO_SECRET(HttpStatus.CONFLICT, "The client is public and has no secret", false),
    USERNAME_TAKEN(HttpStatus.CONFLICT, "The username is taken", false),
    ACCOUNT_NOT_DELETABLE(HttpStatus.CONFLICT, "The account cannot be deleted", false),
    ACCOUNT_CHANGE_REFUSED(HttpStatus.CONFLICT, "The account cannot be changed this way", false),
    PARTNER_ID_TAKEN(HttpStatus.CONFLICT, "The partner id is taken", false),
    UNKNOWN_PARTNER(HttpStatus.UNPROCESSABLE_ENTITY, "The account names a partner that does not exist", false),
    SIGNING_KEYS_NOT_IN_USE(HttpStatus.CONFLICT, "Access tokens are not signed with key pairs", false),
    BACKUP_NOT_MADE_HERE(HttpStatus.CONFLICT, "This store is backed up with its own tools", false),
    BACKUP_NOT_WRITTEN(HttpStatus.INSUFFICIENT_STORAGE, "The backup could not be written", false),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY, "The Idempotency-Key was used for another request", false);

    private static final String PREFIX = "urn:latchkey:problem:";

    private final HttpStatus status;
    private final String title;
    private final boolean generic;

    ProblemType(HttpStatus status, String title, boolean generic) {
        this.status = status;
        this.title = title;
        this.generic = generic;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The generic type for a status the framework produced on its own. */
    static ProblemType forStatus(HttpStatus status) {
        return Arrays.stream(values()).filter(type -> type.generic && type.status == status).findFirst()
                .orElse(status.getCode() >= 500 ? INTERNAL_ERROR : INVALID_REQUEST);
    }
}
