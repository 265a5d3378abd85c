package dev.latchkey.domain;

import java.util.Objects;

/** A plain-text message to a token's owner: a subject of one line and a body. Neither ever holds a secret. */
public record OwnerMail(String subject, String body) {

    public OwnerMail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }
}
