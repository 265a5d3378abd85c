package dev.latchkey.domain;

/** What an account may do beyond managing its own tokens. */
public enum Role {
    /** Manages accounts and partners, and may act on any token. */
    ADMIN,
    /** Manages its own tokens only. */
    USER
}
