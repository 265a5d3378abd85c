package dev.latchkey.domain;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The public keys a confidential client signs its assertions with ({@code private_key_jwt}, RFC 7523 section 2.2),
 * instead of holding a shared secret: a JWK Set given at registration, or the URL the client publishes one at. What
 * the set holds is checked where JWKs are understood, in the adapter that parses them; here only its bounds are.
 */
public sealed interface ClientKeys {

    /** A JWK Set of a few public keys fits many times over; a key set larger than this is not one. */
    int MAX_JWKS_LENGTH = 16_384;
    int MAX_URI_LENGTH = 2_048;

    /** The key set as given at registration, its JSON text kept as it came. */
    record Listed(String jwks) implements ClientKeys {
        public Listed {
            if (jwks == null || jwks.isBlank() || jwks.length() > MAX_JWKS_LENGTH) {
                throw new InvalidValueException("jwks", "must be a JWK Set of at most " + MAX_JWKS_LENGTH
                        + " characters");
            }
        }

        @Override
        public String describe() {
            return "jwks";
        }
    }

    /**
     * The key set is fetched from the client's {@code jwks_uri}, so that the client replaces its keys by publishing
     * new ones. Whether a destination may be connected to (https, public addresses) is the outbound adapter's rule.
     */
    record Published(URI jwksUri) implements ClientKeys {
        public Published {
            if (jwksUri == null || jwksUri.toString().length() > MAX_URI_LENGTH || !jwksUri.isAbsolute()
                    || jwksUri.getHost() == null || jwksUri.getRawUserInfo() != null
                    || jwksUri.getRawFragment() != null
                    || !("https".equalsIgnoreCase(jwksUri.getScheme())
                    || "http".equalsIgnoreCase(jwksUri.getScheme()))) {
                throw new InvalidValueException("jwksUri", "must be an absolute http(s) URL with a host, no user "
                        + "information and no fragment, of at most " + MAX_URI_LENGTH + " characters");
            }
        }

        /** @throws InvalidValueException if {@code uri} is not such a URL */
        public static Published parse(String uri) {
            if (uri == null || uri.length() > MAX_URI_LENGTH) {
                throw new InvalidValueException("jwksUri", "must be at most " + MAX_URI_LENGTH + " characters");
            }
            try {
                return new Published(new URI(uri));
            } catch (URISyntaxException malformed) {
                throw new InvalidValueException("jwksUri", "is not a URL");
            }
        }

        @Override
        public String describe() {
            return "jwks_uri";
        }
    }

    /** Which of the two the client registered, as the audit trail names it. */
    String describe();
}
