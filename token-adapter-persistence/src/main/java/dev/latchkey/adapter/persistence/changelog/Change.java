package dev.latchkey.adapter.persistence.changelog;

import java.util.Objects;

/** A numbered change read from the log. */
public record Change(long seq, Subject subject) {

    /** What changed: a token, an account, a partner or a client, by id. */
    public record Subject(Kind kind, String id) {
        public Subject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }

        public static Subject token(java.util.UUID id) {
            return new Subject(Kind.TOKEN, id.toString());
        }
    }

    public enum Kind {
        TOKEN,
        ACCOUNT,
        PARTNER,
        CLIENT,
        POLICY
    }
}
