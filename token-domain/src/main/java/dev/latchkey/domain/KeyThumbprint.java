package dev.latchkey.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The RFC 7638 SHA-256 thumbprint of a public key, in base64url without padding (43 characters): what a
 * sender-constrained token is bound to ({@code cnf.jkt}, RFC 9449), so that only a request with a proof signed by
 * that key may use it.
 */
public record KeyThumbprint(String value) {

    private static final Pattern BASE64URL_SHA256 = Pattern.compile("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");

    public KeyThumbprint {
        if (value == null || !BASE64URL_SHA256.matcher(value).matches()) {
            throw new InvalidValueException("jkt", "must be a SHA-256 thumbprint in base64url without padding");
        }
    }

    public static KeyThumbprint of(String value) {
        return new KeyThumbprint(value);
    }

    /**
     * Whether what is bound to {@code required} (a token, a code, a device request), or to nothing, may be used with
     * a proof by {@code presented}: anything bound only with a proof by the same key; what is not bound, with or
     * without a proof.
     */
    public static boolean admits(Optional<KeyThumbprint> required, Optional<KeyThumbprint> presented) {
        return required.isEmpty() || required.equals(presented);
    }

    @Override
    public String toString() {
        return value;
    }
}
