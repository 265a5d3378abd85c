package dev.latchkey.adapter.persistence.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.StoreContract;
import dev.latchkey.application.port.out.SigningKeyPort;
import dev.latchkey.domain.TokenId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys the store keeps: signing keys, the derivation key and server keys, each wrapped by the master key. Each
 * subclass runs it against one real database, migrated by the same Flyway scripts the service uses.
 */
abstract class KeyStoreContract extends StoreContract {

    private HmacSecretDerivation derivation;

    @BeforeAll
    void adapters() {
        derivation = context.getBean(HmacSecretDerivation.class);
    }

    @Test
    void signingKeysRoundTripWithTheirPrivatePartWrappedByTheMasterKey() {
        SigningKeyStore keys = context.getBean(SigningKeyStore.class);
        byte[] privateKey = random(121);
        String kid = "kid-" + TokenId.fromRandomBytes(random(16));
        SigningKeyPort.StoredSigningKey key = new SigningKeyPort.StoredSigningKey(kid, "ES256", privateKey,
                random(91), NOW, NOW.plusSeconds(600));

        keys.add(key);

        assertThat(keys.all()).contains(key);
        SigningKeyRow row = context.getBean(SigningKeyRepository.class).findAll().stream()
                .filter(stored -> stored.kid().equals(kid)).findFirst().orElseThrow();
        assertThat(row.privateKey()).startsWith("v1:")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(privateKey));
        keys.remove(kid);
        assertThat(keys.all()).doesNotContain(key);
    }

    @Test
    void derivationIsKeyedStableAndSaltSensitive() {
        byte[] salt = random(32);

        assertThat(derivation.derive(salt)).hasSize(32).isEqualTo(derivation.derive(salt))
                .isNotEqualTo(derivation.derive(random(32)));
    }

    @Test
    void serverKeysAreStoredOnlyWrappedByTheMasterKey() {
        derivation.derive(random(32));
        byte[] key = context.getBean(ServerKeys.class).keyFor(HmacSecretDerivation.PURPOSE);
        String material = context.getBean(ServerKeyRepository.class).findMaterial(HmacSecretDerivation.PURPOSE)
                .orElseThrow();

        assertThat(material).startsWith("v1:" + context.getBean(MasterKeys.class).current().id() + ":")
                .doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex(key))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(key));
    }

    @Test
    void aNodeWithAnotherMasterKeyCannotOpenTheStoredKeys() {
        derivation.derive(random(32));
        ServerKeys stranger = new ServerKeys(context.getBean(ServerKeyRepository.class),
                new MasterKeys(MasterKey.generate(), List.of()));

        assertThatThrownBy(() -> stranger.keyFor(HmacSecretDerivation.PURPOSE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("which this node was not given");
    }

    @Test
    void keysInClearOrUnderAPreviousMasterKeyAreWrappedByTheCurrentOneAtStartUp() {
        ServerKeyRepository rows = context.getBean(ServerKeyRepository.class);
        byte[] legacy = random(32);
        String clearPurpose = "clear-" + java.util.HexFormat.of().formatHex(random(4));
        rows.insertIfAbsent(clearPurpose, java.util.HexFormat.of().formatHex(legacy), NOW);
        MasterKey old = MasterKey.generate();
        MasterKey current = MasterKey.generate();
        String oldPurpose = "old-" + java.util.HexFormat.of().formatHex(random(4));
        byte[] underOld = new ServerKeys(rows, new MasterKeys(old, List.of())).keyFor(oldPurpose);
        // Rows other tests left are wrapped by the context's key; this node is told of it as a previous key too.
        MasterKey contextKey = context.getBean(MasterKeys.class).current();

        new ServerKeys(rows, new MasterKeys(current, List.of(old, contextKey))).onApplicationEvent(null);

        ServerKeys afterRotation = new ServerKeys(rows, new MasterKeys(current, List.of()));
        assertThat(afterRotation.keyFor(clearPurpose)).isEqualTo(legacy);
        assertThat(afterRotation.keyFor(oldPurpose)).isEqualTo(underOld);
        assertThat(rows.findMaterial(clearPurpose).orElseThrow()).startsWith("v1:" + current.id());
        assertThatThrownBy(() -> new ServerKeys(rows, new MasterKeys(old, List.of())).keyFor(oldPurpose))
                .isInstanceOf(IllegalStateException.class);
        // Put every row back under the context's key, for the tests that follow.
        new ServerKeys(rows, new MasterKeys(contextKey, List.of(current))).onApplicationEvent(null);
    }

    @Test
    void aWrappedKeyMovedToAnotherRowDoesNotOpen() {
        MasterKey key = MasterKey.generate();
        String wrapped = key.wrap(random(32), "purpose-a");

        assertThatThrownBy(() -> key.unwrap(wrapped, "purpose-b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moved from another row");
    }
}
