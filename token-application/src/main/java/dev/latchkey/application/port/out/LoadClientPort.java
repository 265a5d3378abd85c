package dev.latchkey.application.port.out;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
import java.util.List;
import java.util.Optional;

/** Reads registered OAuth clients. */
public interface LoadClientPort {

    Optional<OAuthClient> loadById(ClientId id);

    /** Every registered client, oldest first; clients are few (gateways, services, apps), so there is no paging. */
    List<OAuthClient> listAll();
}
