package dev.latchkey.adapter.persistence.keys;

import jakarta.inject.Singleton;
import java.util.Optional;

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

    /**
     * Why this node could not open the value, if it could not: sealed by a master key it was not given, or not for this
     * purpose. Empty if it opens.
     */
    public Optional<String> whyNotOpened(String purpose, String wrapped) {
        try {
            masterKeys.unwrap(purpose, wrapped);
            return Optional.empty();
        } catch (RuntimeException unopened) {
            return Optional.of(MasterKey.idOfWrapped(wrapped)
                    .filter(id -> masterKeys.byId(id).isEmpty())
                    .map(id -> "sealed by master key " + id + ", and this store runs with master key "
                            + masterKeys.current().id())
                    .orElse("not sealed for its place by any master key this store runs with"));
        }
    }

    /**
     * Seals values with another master key than this node's, for a store that will run with that key (an export's
     * {@code --rewrap-for}): each value is opened with this node's keys and sealed for the same purpose with the
     * target. Throws {@link IllegalArgumentException}, naming no part of it, if {@code encodedTarget} is not a key.
     */
    public Resealer resealerFor(String encodedTarget) {
        MasterKey target;
        try {
            target = MasterKey.parse(encodedTarget, "--rewrap-for");
        } catch (IllegalStateException notAKey) {
            throw new IllegalArgumentException(notAKey.getMessage());
        }
        return (purpose, wrapped) -> target.wrap(masterKeys.unwrap(purpose, wrapped), purpose);
    }

    /** Turns a value sealed for a purpose into another. */
    @FunctionalInterface
    public interface Resealer {
        String apply(String purpose, String wrapped);
    }

    /** The purpose a JWT signing key's private key is sealed for: its key id, so that it opens in its row only. */
    public static String signingKeyPurpose(String kid) {
        return "jwt-signing-key:" + kid;
    }

    /** The purpose a webhook endpoint's signing secret is sealed for. */
    public static String webhookSecretPurpose(String endpointId) {
        return "webhook-secret:" + endpointId;
    }
}
