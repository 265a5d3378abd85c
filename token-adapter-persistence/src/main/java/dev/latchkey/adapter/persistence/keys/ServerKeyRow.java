package dev.latchkey.adapter.persistence.keys;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("server_key")
record ServerKeyRow(@Id String purpose, String material, Instant createdAt) {

    @Override
    public String toString() {
        return "ServerKeyRow[purpose=" + purpose + ", material=redacted]";
    }
}
