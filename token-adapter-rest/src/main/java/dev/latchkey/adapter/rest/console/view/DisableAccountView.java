package dev.latchkey.adapter.rest.console.view;

/** The confirmation before disabling an account. */
public record DisableAccountView(Frame frame, String csrfToken, String username, String usernameInPath) {
}
