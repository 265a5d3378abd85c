package dev.latchkey.adapter.rest.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The username and password of an {@code Authorization: Basic} header (RFC 7617): base64 of {@code user:password},
 * split at the first colon, so that a password may contain colons and a username may not.
 */
public record BasicCredentials(String username, String password) {

    /** The credentials in the header's value after {@code Basic }, or empty when it is not base64 of user:password. */
    public static Optional<BasicCredentials> parse(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + ", password=redacted]";
    }
}
