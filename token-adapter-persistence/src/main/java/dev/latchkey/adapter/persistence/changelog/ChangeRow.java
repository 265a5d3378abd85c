package dev.latchkey.adapter.persistence.changelog;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One entry of the change log: a subject whose cached copies every node must drop. */
@MappedEntity("change_log")
record ChangeRow(@Id Long seq, String subjectKind, String subjectId, Instant recordedAt) {
}
