package dev.latchkey.adapter.persistence.limits;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A username's allowance of failed logins, as Bucket4j serialises a bucket. */
@MappedEntity("login_allowance")
record LoginAllowanceRow(@Id String usernameHash, byte[] state, Instant refilledAt) {
}
