package dev.latchkey.domain;

import java.util.Locale;

/** What an account may do beyond managing its own tokens. */
public enum Role {
    /** Manages accounts and partners, and may act on any token. */
    ADMIN,
    /** Manages its own tokens only. */
    USER;

    /** A role by its name as people write it, in any case: {@code admin}, {@code user}. */
    public static Role parse(String name) {
        if (name != null) {
            for (Role role : values()) {
                if (role.name().equalsIgnoreCase(name.strip())) {
                    return role;
                }
            }
        }
        throw new InvalidValueException("role", "must be 'admin' or 'user'");
    }

    /** The name as written on the wire and in listings: {@code admin}, {@code user}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
