package dev.latchkey.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where a client has the browser sent back with an authorization code: registered with the client, and matched
 * string for string against the {@code redirect_uri} of each request (RFC 9700 section 4.1.3), so that no open
 * redirect is made of a prefix or a pattern. One exception, RFC 8252 section 7.3: a public client on the person's own
 * machine listens on whatever loopback port it could get, so a registered {@code http://127.0.0.1/…} or
 * {@code http://[::1]/…} admits any port, and nothing else varies.
 *
 * <p>A registered URI is {@code https}; {@code http} only on a loopback address; or a private-use scheme with a dot in
 * it (reverse domain, RFC 8252 section 7.1), for native apps. It has no fragment (RFC 6749 section 3.1.2).
 */
public final class RedirectUri {

    public static final int MAX_LENGTH = 2000;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]");

    private final String value;
    private final URI uri;

    private RedirectUri(String value, URI uri) {
        this.value = value;
        this.uri = uri;
    }

    /** @throws InvalidValueException naming {@code redirectUris} */
    public static RedirectUri parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new InvalidValueException("redirectUris",
                    "each must be an absolute URI of 1 to " + MAX_LENGTH + " characters, without spaces");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException malformed) {
            throw new InvalidValueException("redirectUris", "each must be an absolute URI");
        }
        if (!uri.isAbsolute() || uri.isOpaque() && !isPrivateUseScheme(uri.getScheme())) {
            throw new InvalidValueException("redirectUris", "each must be an absolute URI");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidValueException("redirectUris", "may not have a fragment");
        }
        if (!hasValidPort(uri)) {
            throw new InvalidValueException("redirectUris", "may name a port from 1 to 65535 only");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean allowed = switch (scheme) {
            case "https" -> uri.getHost() != null && uri.getRawUserInfo() == null;
            case "http" -> uri.getHost() != null && isLoopbackHost(uri.getHost()) && uri.getRawUserInfo() == null;
            default -> isPrivateUseScheme(scheme);
        };
        if (!allowed) {
            throw new InvalidValueException("redirectUris", "each must be https, http on a loopback address "
                    + "(127.0.0.1 or [::1]), or an app's own scheme with a dot in it (com.example.app:/callback)");
        }
        return new RedirectUri(value, uri);
    }

    /**
     * Whether a presented {@code redirect_uri} is this one: the same string; or, for a public client and a
     * registered loopback URI, the same but for the port.
     */
    public boolean admits(String presented, ClientType clientType) {
        if (value.equals(presented)) {
            return true;
        }
        if (clientType != ClientType.PUBLIC || !isLoopback() || presented == null
                || presented.length() > MAX_LENGTH) {
            return false;
        }
        URI other;
        try {
            other = new URI(presented);
        } catch (URISyntaxException malformed) {
            return false;
        }
        return "http".equals(other.getScheme()) && Objects.equals(uri.getHost(), other.getHost())
                && other.getRawUserInfo() == null && hasValidPort(other)
                && Objects.equals(uri.getRawPath(), other.getRawPath())
                && Objects.equals(uri.getRawQuery(), other.getRawQuery())
                && other.getRawFragment() == null;
    }

    /** {@code http} on a loopback IP literal: a native app listening on the person's own machine. */
    public boolean isLoopback() {
        return "http".equals(uri.getScheme()) && isLoopbackHost(uri.getHost());
    }

    public String value() {
        return value;
    }

    /** No port, or one a socket can have: {@link URI} itself takes any digits. */
    private static boolean hasValidPort(URI uri) {
        return uri.getPort() == -1 || uri.getPort() >= 1 && uri.getPort() <= 65_535;
    }

    private static boolean isLoopbackHost(String host) {
        return LOOPBACK_HOSTS.contains(host);
    }

    private static boolean isPrivateUseScheme(String scheme) {
        return scheme != null && scheme.contains(".") && scheme.matches("[a-zA-Z][a-zA-Z0-9+.-]*");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedirectUri that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
