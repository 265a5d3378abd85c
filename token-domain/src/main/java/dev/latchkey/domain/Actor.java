package dev.latchkey.domain;

import java.util.Objects;

/**
 * Who made a change, as the audit trail records it: an account, an OAuth client acting for itself, the service itself
 * (an expiry, a schedule), someone not authenticated, known only by address, or an operator at the command line.
 */
public record Actor(Kind kind, String id) {

    /** What kind of party an actor is; the id's meaning depends on it. */
    public enum Kind {
        ACCOUNT,
        CLIENT,
        SYSTEM,
        ANONYMOUS,
        /** An operator at the command line, working on the store directly. */
        OPERATOR
    }

    private static final int LONGEST_ID = 200;

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.length() > LONGEST_ID) {
            id = id.substring(0, LONGEST_ID);
        }
    }

    public static Actor account(AccountId account) {
        return new Actor(Kind.ACCOUNT, account.toString());
    }

    public static Actor client(ClientId client) {
        return new Actor(Kind.CLIENT, client.value());
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, "latchkey");
    }

    public static Actor operator() {
        return new Actor(Kind.OPERATOR, "command-line");
    }

    /** A caller that did not authenticate, such as a failed login, known by its network address. */
    public static Actor anonymous(String address) {
        return new Actor(Kind.ANONYMOUS, address);
    }

    /** The account this actor is, for an account; empty for any other kind, or an id that is not one. */
    public java.util.Optional<AccountId> accountId() {
        if (kind != Kind.ACCOUNT) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new AccountId(java.util.UUID.fromString(id)));
        } catch (IllegalArgumentException notAnAccountId) {
            return java.util.Optional.empty();
        }
    }

    /** The stored and shown form, {@code account:<id>}, {@code client:<id>}, {@code system:latchkey}. */
    public String asText() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }

    public static Actor parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidValueException("actor", "must read kind:id");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(text.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidValueException("actor", "must be an account, client, system, anonymous or operator actor");
        }
        return new Actor(kind, text.substring(colon + 1));
    }
}
