package dev.latchkey.application.port.out;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
import java.util.Optional;

public interface LoadClientPort {

    Optional<OAuthClient> loadById(ClientId id);
}
