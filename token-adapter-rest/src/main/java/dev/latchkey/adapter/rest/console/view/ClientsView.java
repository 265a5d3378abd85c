package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.List;

/** The registered OAuth clients; they are registered and changed through the API. */
public record ClientsView(Frame frame, List<Row> rows) {

    /**
     * @param authenticationMethod how it proves who it is ({@code none}, {@code client_secret_basic},
     *                             {@code private_key_jwt})
     * @param dpopBound            whether every token it gets must be DPoP-bound
     */
    public record Row(String name, String clientId, String type, List<String> grants, boolean enabled,
                      Instant registeredAt, String authenticationMethod, boolean dpopBound) {
    }
}
