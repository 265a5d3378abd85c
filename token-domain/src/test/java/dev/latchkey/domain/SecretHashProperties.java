package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** A secret's hash is its SHA-256, whichever thread takes it and whatever that thread hashed before. */
class SecretHashProperties {

    @Property
    void theHashIsTheSecretsSha256(@ForAll String secret) throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(SecretHash.of(secret).toHex()).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void threadsHashingAtOnceEachGetTheirOwnSecretsHash() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 20_000)
                    .mapToObj(i -> threads.submit(() -> {
                        String secret = "secret-" + i;
                        byte[] expected = MessageDigest.getInstance("SHA-256")
                                .digest(secret.getBytes(StandardCharsets.UTF_8));
                        return SecretHash.of(secret).toHex().equals(HexFormat.of().formatHex(expected));
                    })).toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
