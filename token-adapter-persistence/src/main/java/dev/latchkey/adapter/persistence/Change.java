package dev.latchkey.adapter.persistence;

import java.util.Objects;

/** A numbered change read from the log. */
record Change(long seq, Subject subject) {

    /** What changed: a token, an account, a partner or a client, by id. */
    record Subject(Kind kind, String id) {
        Subject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }

        static Subject token(java.util.UUID id) {
            return new Subject(Kind.TOKEN, id.toString());
        }
    }

    enum Kind {
        TOKEN,
        ACCOUNT,
        PARTNER,
        CLIENT,
        POLICY
    }
}
