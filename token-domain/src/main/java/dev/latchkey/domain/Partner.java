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

    public PartnerUpdate rename(String newName) {
        return newName.equals(name) ? PartnerUpdate.of(this)
                : new PartnerUpdate(withName(newName), java.util.List.of(PartnerUpdate.Change.RENAMED));
    }

    /** Its accounts' partner tokens work from now on. */
    public PartnerUpdate signAgreements() {
        return agreementsSigned ? PartnerUpdate.of(this)
                : new PartnerUpdate(withAgreementsSigned(true), java.util.List.of(PartnerUpdate.Change.AGREEMENTS_SIGNED));
    }

    /** Its accounts' partner tokens stop working at their next use, on every node. */
    public PartnerUpdate withdrawAgreements() {
        return agreementsSigned ? new PartnerUpdate(withAgreementsSigned(false),
                java.util.List.of(PartnerUpdate.Change.AGREEMENTS_WITHDRAWN)) : PartnerUpdate.of(this);
    }

    public Partner withName(String newName) {
        return new Partner(id, newName, agreementsSigned, createdAt);
    }

    public Partner withAgreementsSigned(boolean signed) {
        return new Partner(id, name, signed, createdAt);
    }
}
