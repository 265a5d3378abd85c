package dev.latchkey.adapter.rest.console.view;

import java.time.Instant;
import java.util.List;

/** The registered OAuth clients; they are registered and changed through the API. */
public record ClientsView(Frame frame, List<Row> rows) {

    public record Row(String name, String clientId, String type, List<String> grants, boolean enabled,
                      Instant registeredAt) {
    }
}
