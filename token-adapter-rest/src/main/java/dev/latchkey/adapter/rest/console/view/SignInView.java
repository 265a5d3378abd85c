package dev.latchkey.adapter.rest.console.view;

/**
 * The sign-in form: the value it carries against login CSRF, the username given last time, if any, the console
 * page to go on to once signed in ({@code ""} for the tokens page), and what the sign-in is for, when an application
 * sent the person here ({@code ""} otherwise).
 */
public record SignInView(Frame frame, String formToken, String username, String returnTo, String signingInFor) {

    @Override
    public String toString() {
        return "SignInView[" + frame.title() + "]";
    }
}
