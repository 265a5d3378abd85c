package dev.latchkey.adapter.rest.console.view;

import java.util.List;

/**
 * The consent page: which client asks to act for the signed-in person, with which scopes, and where an answer goes.
 *
 * @param request       the authorization request as a query, carried back with the answer (nothing is kept here)
 * @param redirectHost  where the browser goes after either answer, so the person can tell who gets it
 * @param alreadyAllowed whether the person allowed this client before, for fewer scopes (a request for more asks again)
 */
public record ConsentView(Frame frame, String csrfToken, String clientName, String clientId, List<String> scopes,
                          String request, String redirectHost, boolean alreadyAllowed) {

    @Override
    public String toString() {
        return "ConsentView[client=" + clientId + "]";
    }
}
