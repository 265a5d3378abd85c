package dev.latchkey.application.port.in;

import dev.latchkey.domain.Token;
import java.util.Objects;

/** A newly issued token and its credential, which exists nowhere else: show it once, then forget it. */
public record IssuedToken(Token token, String credential) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(credential, "credential");
    }

    @Override
    public String toString() {
        return "IssuedToken[token=" + token + ", credential=redacted]";
    }
}
