package dev.latchkey.domain;

/** RFC 6749 section 2.1: whether a client can keep a secret. */
public enum ClientType {
    /** A server-side client (a gateway, a resource server, a service) that holds a secret. */
    CONFIDENTIAL,
    /** A client that runs where its users can read it (a command line, a mobile app): it has no secret. */
    PUBLIC;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ClientType fromWireName(String name) {
        for (ClientType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new InvalidValueException("type", "must be confidential or public");
    }
}
