package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.console.view.Frame;
import dev.latchkey.adapter.rest.console.view.Notice;
import dev.latchkey.adapter.rest.console.view.SignInView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The sign-in page, wherever it is shown: at {@code /console/sign-in}, and in place of a page that needs a fresh
 * sign-in (the authorization endpoint's), so that the request it returns to travels in the form, not in yet another
 * query. Each rendering issues the value against login CSRF and the cookie it must match.
 */
@Singleton
final class SignInPages {

    static final String SIGN_IN_COOKIE = "latchkey_console_sign_in";

    private final ConsoleAccess access;
    private final ConsoleViews views;
    private final FormTokens formTokens;

    SignInPages(ConsoleAccess access, ConsoleViews views, FormTokens formTokens) {
        this.access = access;
        this.views = views;
        this.formTokens = formTokens;
    }

    /** @param returnTo a console path to go on to once signed in, {@code ""} for the tokens page */
    MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, Optional<Notice> notice, String username,
                                String returnTo) {
        return page(request, status, notice, username, returnTo, "");
    }

    /** The sign-in page an application sent the person to: it names the application. */
    MutableHttpResponse<?> pageFor(HttpRequest<?> request, String application, String returnTo) {
        return page(request, HttpStatus.OK, Optional.empty(), "", returnTo, application);
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, Optional<Notice> notice,
                                        String username, String returnTo, String signingInFor) {
        String formToken = formTokens.issueForSignIn();
        Frame frame = Frame.anonymous("Sign in");
        return views.page(status, "sign-in", new SignInView(notice.map(frame::withNotice).orElse(frame), formToken,
                        username, returnTo, signingInFor))
                .cookie(access.cookie(request, SIGN_IN_COOKIE, formToken, ConsoleAccess.SIGN_IN,
                        FormTokens.VALIDITY));
    }
}
