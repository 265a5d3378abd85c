package dev.latchkey.adapter.rest.console.view;

/**
 * The sign-in form: the value it carries against login CSRF, the username given last time, if any, and the console
 * page to go on to once signed in ({@code ""} for the tokens page).
 */
public record SignInView(Frame frame, String formToken, String username, String returnTo) {

    @Override
    public String toString() {
        return "SignInView[" + frame.title() + "]";
    }
}
