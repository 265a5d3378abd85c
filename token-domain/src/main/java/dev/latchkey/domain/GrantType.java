package dev.latchkey.domain;

import java.util.Optional;

/** The ways a client may obtain tokens at the token endpoint, by their RFC names. */
public enum GrantType {
    /** RFC 6749 section 4.1 with RFC 7636's PKCE: a person signs in at Latchkey and the client gets a code. */
    AUTHORIZATION_CODE("authorization_code"),
    /** RFC 8628: a device without a browser; a person approves it on another screen. */
    DEVICE_CODE("urn:ietf:params:oauth:grant-type:device_code"),
    /**
     * RFC 6749 section 4.3: an account's username and password, handed to the client. Legacy: RFC 9700 says it must
     * not be used and OAuth 2.1 drops it, so a client gets it only by asking for it.
     */
    PASSWORD("password"),
    /** RFC 6749 section 6. */
    REFRESH_TOKEN("refresh_token"),
    /** RFC 6749 section 4.4: the client itself, as its service account. Confidential clients only. */
    CLIENT_CREDENTIALS("client_credentials"),
    /** RFC 8693: a narrower token for a token the caller holds. */
    TOKEN_EXCHANGE("urn:ietf:params:oauth:grant-type:token-exchange");

    private final String wireName;

    GrantType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<GrantType> fromWireName(String name) {
        for (GrantType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
