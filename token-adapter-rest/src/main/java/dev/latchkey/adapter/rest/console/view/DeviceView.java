package dev.latchkey.adapter.rest.console.view;

import java.util.List;

/**
 * The device page: first the form where the person enters the code their device shows; then, once the code names a
 * waiting request, which client asks for which scopes, to approve or deny.
 *
 * @param userCode   what the person entered, or the code the device's link carried
 * @param clientName the client that asks, once the code named a request; empty before
 */
public record DeviceView(Frame frame, String csrfToken, String userCode, String clientName, List<String> scopes) {

    public boolean confirming() {
        return !clientName.isEmpty();
    }
}
