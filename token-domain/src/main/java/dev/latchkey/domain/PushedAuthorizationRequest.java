package dev.latchkey.domain;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization request a client pushed to the server first (RFC 9126), authenticated, so that nothing in it
 * passes through the browser: the browser carries only its {@code request_uri}, which lives {@link #LIFETIME} and
 * completes one authorization. Only the reference's hash is stored.
 *
 * @param completedAt when an authorization made from it ended, with a code or a refusal
 */
public record PushedAuthorizationRequest(SecretHash referenceHash, AuthorizationRequest request, Instant expiresAt,
                                         Optional<Instant> completedAt) {

    public static final String URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final int REFERENCE_LENGTH = 43;

    public PushedAuthorizationRequest {
        Objects.requireNonNull(referenceHash, "referenceHash");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    /** A fresh {@code request_uri}: the prefix and 256 random bits. */
    public static String newRequestUri(byte[] thirtyTwoRandomBytes) {
        if (thirtyTwoRandomBytes.length != 32) {
            throw new IllegalArgumentException("a request_uri takes 32 random bytes");
        }
        return URI_PREFIX + Base62.encode(new BigInteger(1, thirtyTwoRandomBytes), REFERENCE_LENGTH);
    }

    /** Whether a presented {@code request_uri} can be one this server made; checked before any lookup. */
    public static boolean isWellFormed(String requestUri) {
        return requestUri != null && requestUri.length() == URI_PREFIX.length() + REFERENCE_LENGTH
                && requestUri.startsWith(URI_PREFIX) && Base62.isBase62(requestUri.substring(URI_PREFIX.length()));
    }

    public static PushedAuthorizationRequest push(String requestUri, AuthorizationRequest request, Instant now) {
        return new PushedAuthorizationRequest(SecretHash.of(requestUri), request, now.plus(LIFETIME),
                Optional.empty());
    }

    /** Whether an authorization can still be made from it at {@code now}. */
    public boolean isUsableAt(Instant now) {
        return completedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
