package dev.latchkey.adapter.rest.console.view;

/** The sign-in form: the value it carries against login CSRF, and the username given last time, if any. */
public record SignInView(Frame frame, String formToken, String username) {

    @Override
    public String toString() {
        return "SignInView[" + frame.title() + "]";
    }
}
