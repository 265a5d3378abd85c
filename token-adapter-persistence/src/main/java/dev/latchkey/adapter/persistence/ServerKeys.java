package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.application.port.out.ServerKeyPort;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys the service generates for itself on first use and keeps in the store, so that every node and every restart
 * uses the same one. Whichever node inserts first wins; the others read its key.
 */
@Singleton
public class ServerKeys implements ServerKeyPort {

    private static final int KEY_BYTES = 32;

    private final ServerKeyRepository repository;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    ServerKeys(ServerKeyRepository repository) {
        this.repository = repository;
    }

    @Override
    public byte[] keyFor(String purpose) {
        return loaded.computeIfAbsent(purpose, this::loadOrCreate).clone();
    }

    private byte[] loadOrCreate(String purpose) {
        MemoryOnly.mayWait();
        byte[] candidate = new byte[KEY_BYTES];
        random.nextBytes(candidate);
        repository.insertIfAbsent(purpose, HexFormat.of().formatHex(candidate), Instant.now());
        return HexFormat.of().parseHex(repository.findMaterial(purpose).orElseThrow());
    }
}
