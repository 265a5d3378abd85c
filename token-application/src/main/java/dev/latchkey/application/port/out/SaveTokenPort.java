package dev.latchkey.application.port.out;

import dev.latchkey.domain.Token;

public interface SaveTokenPort {

    /** Stores a newly issued token; when this returns, the token is durable. */
    void saveNew(Token token);
}
