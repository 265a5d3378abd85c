package dev.latchkey.adapter.persistence.keys;

import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.SigningKeyPort;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the JWT signing keys in {@code signing_key}, each private key wrapped by the master key with the key's id
 * as associated data, so that a wrapped key moved to another row does not open. At start-up, keys wrapped by a
 * previous master key are re-wrapped by the current one, as {@link ServerKeys} does for its keys.
 */
@Singleton
@TranslatesStoreFailures
class SigningKeyStore implements SigningKeyPort, ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyStore.class);

    private final SigningKeyRepository repository;
    private final MasterKeys masterKeys;

    SigningKeyStore(SigningKeyRepository repository, MasterKeys masterKeys) {
        this.repository = repository;
        this.masterKeys = masterKeys;
    }

    @Override
    public List<StoredSigningKey> all() {
        return repository.findAll().stream().map(row -> new StoredSigningKey(row.kid(), row.algorithm(),
                masterKeys.unwrap(purpose(row.kid()), row.privateKey()), Base64.getDecoder().decode(row.publicKey()),
                row.createdAt(), row.activatesAt())).toList();
    }

    @Override
    public void add(StoredSigningKey key) {
        repository.save(new SigningKeyRow(key.kid(), key.algorithm(),
                masterKeys.current().wrap(key.privateKey(), purpose(key.kid())),
                Base64.getEncoder().encodeToString(key.publicKey()), key.createdAt(), key.activatesAt()));
    }

    @Override
    public void remove(String kid) {
        repository.deleteByKid(kid);
    }

    @Override
    public void onApplicationEvent(StartupEvent started) {
        for (SigningKeyRow row : repository.findAll()) {
            if (!masterKeys.wrapsWithCurrent(row.privateKey())) {
                String purpose = purpose(row.kid());
                byte[] key = masterKeys.unwrap(purpose, row.privateKey());
                repository.swapPrivateKey(row.kid(), row.privateKey(), masterKeys.current().wrap(key, purpose));
                LOG.info("Wrapped the signing key '{}' with the master key {}", row.kid(), masterKeys.current().id());
            }
        }
    }

    private static String purpose(String kid) {
        return SecretWrapping.signingKeyPurpose(kid);
    }
}
