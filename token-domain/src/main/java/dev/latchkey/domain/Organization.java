package dev.latchkey.domain;

/** The organization an account belongs to; policies can be set per organization. */
public record Organization(String name) {

    public static final int MAX_LENGTH = 100;

    public Organization {
        if (name == null || name.isBlank() || name.length() > MAX_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("organization", "must be 1 to " + MAX_LENGTH + " printable characters");
        }
    }

    public static Organization of(String name) {
        return new Organization(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
