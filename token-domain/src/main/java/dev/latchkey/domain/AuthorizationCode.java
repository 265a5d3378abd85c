package dev.latchkey.domain;

import java.util.Optional;

/**
 * An authorization code (RFC 6749 section 4.1.2): {@code lka_} and the usual 256 random bits with a checksum. It
 * travels through the browser to the client, which redeems it once, within a minute, at the token endpoint; only its
 * hash is stored.
 */
public final class AuthorizationCode extends Secret {

    public static final String PREFIX = "lka_";
    private static final SecretFormat FORMAT = new SecretFormat(PREFIX);

    private AuthorizationCode(String rendered) {
        super(rendered);
    }

    public static AuthorizationCode fromRandomBytes(byte[] randomBytes) {
        return new AuthorizationCode(FORMAT.render(randomBytes));
    }

    public static Optional<AuthorizationCode> parse(String presented) {
        return FORMAT.isWellFormed(presented) ? Optional.of(new AuthorizationCode(presented)) : Optional.empty();
    }
}
