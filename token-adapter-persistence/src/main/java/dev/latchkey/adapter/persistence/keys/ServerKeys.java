package dev.latchkey.adapter.persistence.keys;

import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.application.port.out.ServerKeyPort;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys the service generates for itself on first use and keeps in the store, so that every node and every restart
 * uses the same one. Whichever node inserts first wins; the others read its key.
 *
 * <p>The store holds each key only wrapped by the master key ({@link MasterKey}), which never enters it: a copy of the
 * database alone yields no key. At start-up, keys found in clear (stored before wrapping existed) or wrapped by a
 * previous master key are wrapped by the current one, each by a compare-and-set so that nodes starting together agree.
 */
@Singleton
@TranslatesStoreFailures
class ServerKeys implements ServerKeyPort, ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerKeys.class);
    private static final Pattern CLEAR = Pattern.compile("[0-9a-f]{" + 2 * MasterKey.BYTES + "}");

    private final ServerKeyRepository repository;
    private final MasterKeys masterKeys;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    ServerKeys(ServerKeyRepository repository, MasterKeys masterKeys) {
        this.repository = repository;
        this.masterKeys = masterKeys;
    }

    @Override
    public byte[] keyFor(String purpose) {
        return loaded.computeIfAbsent(purpose, this::loadOrCreate).clone();
    }

    @Override
    public void onApplicationEvent(StartupEvent started) {
        for (ServerKeyRow row : repository.findAll()) {
            if (!masterKeys.wrapsWithCurrent(row.material())) {
                byte[] key = open(row.purpose(), row.material());
                repository.swapMaterial(row.purpose(), row.material(), masterKeys.current().wrap(key, row.purpose()));
                LOG.info("Wrapped the stored key '{}' with the master key {}", row.purpose(),
                        masterKeys.current().id());
            }
        }
    }

    private byte[] loadOrCreate(String purpose) {
        MemoryOnly.mayWait();
        byte[] candidate = new byte[MasterKey.BYTES];
        random.nextBytes(candidate);
        repository.insertIfAbsent(purpose, masterKeys.current().wrap(candidate, purpose), Instant.now());
        return open(purpose, repository.findMaterial(purpose).orElseThrow());
    }

    private byte[] open(String purpose, String material) {
        if (CLEAR.matcher(material).matches()) {
            return HexFormat.of().parseHex(material);
        }
        return masterKeys.unwrap(purpose, material);
    }
}
