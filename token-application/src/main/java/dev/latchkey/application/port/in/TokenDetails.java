package dev.latchkey.application.port.in;

import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenStatus;
import java.util.Objects;

/** A token together with its status at the moment it was read. */
public record TokenDetails(Token token, TokenStatus status) {

    public TokenDetails {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(status, "status");
    }
}
