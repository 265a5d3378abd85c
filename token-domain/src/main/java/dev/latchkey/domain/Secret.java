package dev.latchkey.domain;

/**
 * A high-entropy secret in clear (see {@link SecretFormat}): it exists only between generation and the response that
 * shows it once, or between a request's arrival and its hash lookup. It never prints itself.
 */
public abstract sealed class Secret permits TokenSecret, ClientSecret, AuthorizationCode, DeviceCode {

    private final String rendered;

    Secret(String rendered) {
        this.rendered = rendered;
    }

    /** SHA-256 of the secret: what is stored and looked up. */
    public final SecretHash hash() {
        return SecretHash.of(rendered);
    }

    /** The secret in clear, for the one response that hands it to its owner. */
    public final String reveal() {
        return rendered;
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[redacted]";
    }
}
