package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A partner organization whose accounts may obtain partner-scoped tokens, but only once its legal and sales
 * agreements are signed.
 */
public record Partner(PartnerId id, String name, boolean agreementsSigned, Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 100;

    public Partner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("name", "must be 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
    }

    public Partner withName(String newName) {
        return new Partner(id, newName, agreementsSigned, createdAt);
    }

    public Partner withAgreementsSigned(boolean signed) {
        return new Partner(id, name, signed, createdAt);
    }
}
