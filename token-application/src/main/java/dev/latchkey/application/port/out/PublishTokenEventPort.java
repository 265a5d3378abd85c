package dev.latchkey.application.port.out;

import dev.latchkey.domain.TokenEvent;

public interface PublishTokenEventPort {

    void publish(TokenEvent event);
}
