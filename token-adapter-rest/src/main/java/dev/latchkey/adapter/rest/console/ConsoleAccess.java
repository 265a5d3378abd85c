package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.console.view.Frame;
import dev.latchkey.adapter.rest.console.view.MessageView;
import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
import dev.latchkey.domain.SessionTimeouts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What every console request goes through: finding the caller's session in the store every node shares (the
 * account is asked again each time), checking the form token of a state-changing request, and the cookies that hold
 * a session.
 */
@Singleton
final class ConsoleAccess {

    static final String SESSION_COOKIE = "latchkey_console";
    static final String SIGN_IN = "/console/sign-in";

    private final SignInSessionsUseCase sessions;
    private final FormTokens formTokens;
    private final SessionTimeouts timeouts;
    private final ClientAddresses addresses;
    private final ConsoleViews views;

    ConsoleAccess(SignInSessionsUseCase sessions, FormTokens formTokens, SessionTimeouts timeouts,
                  ClientAddresses addresses, ConsoleViews views) {
        this.sessions = sessions;
        this.formTokens = formTokens;
        this.timeouts = timeouts;
        this.addresses = addresses;
        this.views = views;
    }

    /**
     * A signed-in request: its session's secret (the cookie's value), the caller as the account is now, the value
     * its forms carry, and when the session was opened.
     */
    record SignedIn(String cookieValue, Caller caller, String csrfToken, Instant signedInAt) {

        /** The frame of a page this caller sees. */
        Frame frame(String title) {
            return new Frame(title, Optional.of(new Frame.Header(caller.username().value(),
                    caller.isAdministrator(), csrfToken)), Optional.empty());
        }

        @Override
        public String toString() {
            return "SignedIn[caller=" + caller + "]";
        }
    }

    /**
     * The caller of a request with a live session; the account is asked again each time, so a disabled account's
     * session, or one whose password was reset since, ends here.
     */
    Optional<SignedIn> signedIn(HttpRequest<?> request) {
        Optional<String> cookie = request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue)
                .filter(value -> !value.isEmpty());
        return cookie.flatMap(secret -> sessions.resume(secret).map(resumed ->
                new SignedIn(secret, resumed.caller(), formTokens.forSession(secret), resumed.signedInAt())));
    }

    /** Opens a session for a caller who just gave their password, and the cookie that holds it. */
    Cookie start(HttpRequest<?> request, AuthenticateUseCase.Outcome.Authenticated authenticated) {
        SignInSessionsUseCase.Started started = sessions.start(authenticated.caller(), authenticated.passwordStamp());
        return cookie(request, SESSION_COOKIE, started.secret(), "/console", timeouts.lifetime());
    }

    /** Ends the request's session, and the cookie that clears it from the browser. */
    Cookie end(HttpRequest<?> request, SignedIn signed) {
        sessions.end(signed.cookieValue());
        return cookie(request, SESSION_COOKIE, "", "/console", Duration.ZERO);
    }

    /** A state-changing form post: the caller and the form, or the answer that refuses the post. */
    sealed interface Post {
        record Accepted(SignedIn signed, FormParameters form) implements Post {
        }

        record Refused(MutableHttpResponse<?> response) implements Post {
        }
    }

    /**
     * Admits a form post only from a live session whose form token it carries: a page of another site cannot know
     * the token, so it cannot make the browser post on the caller's behalf. Without a session the browser is sent
     * to sign in; with one but a wrong or missing token, nothing is changed and a page says so.
     */
    Post post(HttpRequest<?> request, String body) {
        Optional<SignedIn> signed = signedIn(request);
        if (signed.isEmpty()) {
            return new Post.Refused(toSignIn());
        }
        Optional<FormParameters> form = form(body);
        if (form.isPresent() && FormTokens.same(signed.get().csrfToken(), form.get().get("csrf").orElse(null))) {
            return new Post.Accepted(signed.get(), form.get());
        }
        return new Post.Refused(views.page(HttpStatus.FORBIDDEN, "message", new MessageView(
                Frame.anonymous("Form refused"), List.of("This form did not come from your console session, or the "
                + "session it came from has ended. Nothing was changed."), "/console/tokens", "Back to your tokens")));
    }

    /**
     * Runs the handler of a state-changing form post only for a live session whose form token the post carries;
     * otherwise answers as {@link #post} refuses it, and changes nothing.
     */
    MutableHttpResponse<?> whenPosted(HttpRequest<?> request, String body,
                                      java.util.function.BiFunction<SignedIn, FormParameters, MutableHttpResponse<?>>
                                              handler) {
        Post post = post(request, body);
        if (post instanceof Post.Accepted accepted) {
            return handler.apply(accepted.signed(), accepted.form());
        }
        return ((Post.Refused) post).response();
    }

    static Optional<FormParameters> form(String body) {
        return FormParameters.parse(body) instanceof FormParameters.Parsed.Form form
                ? Optional.of(form.parameters()) : Optional.empty();
    }

    /** Where a request without a (live) session goes. */
    static MutableHttpResponse<?> toSignIn() {
        return seeOther(SIGN_IN);
    }

    static MutableHttpResponse<?> seeOther(String location) {
        return HttpResponse.status(HttpStatus.SEE_OTHER).headers(headers -> headers.location(URI.create(location)));
    }

    /** A console cookie: never readable by script, never sent cross-site, and Secure where TLS was used. */
    Cookie cookie(HttpRequest<?> request, String name, String value, String path, Duration maxAge) {
        return Cookie.of(name, value).httpOnly(true).sameSite(SameSite.Strict).path(path)
                .secure(addresses.cameOverTls(request)).maxAge(maxAge);
    }
}
