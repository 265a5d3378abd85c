package dev.latchkey.adapter.persistence.keys;

import jakarta.inject.Singleton;

/**
 * The master key's wrapping, for the secrets other aggregates keep that must be read back in clear (a webhook
 * endpoint's signing secret): sealed with the current master key, bound to a purpose so that a sealed value cannot be
 * moved to another row, and opened with whichever master key sealed it.
 */
@Singleton
public final class SecretWrapping {

    private final MasterKeys masterKeys;

    SecretWrapping(MasterKeys masterKeys) {
        this.masterKeys = masterKeys;
    }

    /** The plaintext sealed for this purpose with the current master key. */
    public String wrap(String purpose, byte[] plaintext) {
        return masterKeys.current().wrap(plaintext, purpose);
    }

    /** Whether the value is sealed with the current master key already (or should be opened and sealed again). */
    public boolean sealedWithCurrent(String wrapped) {
        return masterKeys.wrapsWithCurrent(wrapped);
    }

    /** The id of the master key new values are sealed with, for the log. */
    public String currentKeyId() {
        return masterKeys.current().id();
    }

    /** What {@link #wrap} sealed for this purpose. */
    public byte[] unwrap(String purpose, String wrapped) {
        return masterKeys.unwrap(purpose, wrapped);
    }
}
