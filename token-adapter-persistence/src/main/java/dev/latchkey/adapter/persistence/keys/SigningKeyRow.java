package dev.latchkey.adapter.persistence.keys;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("signing_key")
record SigningKeyRow(@Id String kid, String algorithm, String privateKey, String publicKey, Instant createdAt,
                     Instant activatesAt) {

    @Override
    public String toString() {
        return "SigningKeyRow[kid=" + kid + ", algorithm=" + algorithm + ", activatesAt=" + activatesAt + "]";
    }
}
