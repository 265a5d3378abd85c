package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
import dev.latchkey.domain.SessionTimeouts;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What every console request goes through: finding the caller's session and confirming the account is still
 * enabled (through the same use case the API authenticates with), checking the form token of a state-changing
 * request, and answering with pages that no cache keeps.
 */
@Singleton
final class ConsoleAccess {

    static final String SESSION_COOKIE = "latchkey_console";
    static final String SIGN_IN = "/console/sign-in";

    private final SignInSessionsUseCase sessions;
    private final FormTokens formTokens;
    private final SessionTimeouts timeouts;
    private final ClientAddresses addresses;

    ConsoleAccess(SignInSessionsUseCase sessions, FormTokens formTokens, SessionTimeouts timeouts,
                  ClientAddresses addresses) {
        this.sessions = sessions;
        this.formTokens = formTokens;
        this.timeouts = timeouts;
        this.addresses = addresses;
    }

    /**
     * A signed-in request: its session's secret (the cookie's value), the caller as the account is now, and the
     * value its forms carry.
     */
    record SignedIn(String cookieValue, Caller caller, String csrfToken) {
        @Override
        public String toString() {
            return "SignedIn[caller=" + caller + "]";
        }
    }

    /**
     * The caller of a request with a live session, from the store every node shares; the account is asked again each
     * time, so a disabled account's session, or one whose password was reset since, ends here.
     */
    Optional<SignedIn> signedIn(HttpRequest<?> request) {
        Optional<String> cookie = request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue)
                .filter(value -> !value.isEmpty());
        return cookie.flatMap(secret -> sessions.resume(secret).map(resumed ->
                new SignedIn(secret, resumed.caller(), formTokens.forSession(secret))));
    }

    /** Opens a session for a caller who just gave their password, and the response's cookie that holds it. */
    Cookie start(HttpRequest<?> request, AuthenticateUseCase.Outcome.Authenticated authenticated) {
        SignInSessionsUseCase.Started started = sessions.start(authenticated.caller(), authenticated.passwordStamp());
        return sessionCookie(request, started.secret(), timeouts.lifetime());
    }

    /** Ends the request's session, and the cookie that clears it from the browser. */
    Cookie end(HttpRequest<?> request, SignedIn signed) {
        sessions.end(signed.cookieValue());
        return sessionCookie(request, "", Duration.ZERO);
    }

    /**
     * The signed-in caller of a form post, if its form token is the session's: a page of another site cannot know
     * the token, so it cannot make the browser post on the caller's behalf.
     */
    private Optional<SignedIn> signedInWithForm(HttpRequest<?> request, FormParameters form) {
        return signedIn(request).filter(signed ->
                FormTokens.same(signed.csrfToken(), form.get("csrf").orElse(null)));
    }

    /** A state-changing form post: the caller and the form, or the answer that refuses the post. */
    sealed interface Post {
        record Accepted(SignedIn signed, FormParameters form) implements Post {
        }

        record Refused(MutableHttpResponse<?> response) implements Post {
        }
    }

    /**
     * Admits a form post only from a live session whose form token it carries. Without a session the browser is sent
     * to sign in; with one but a wrong or missing token, nothing is changed and a page says so.
     */
    Post post(HttpRequest<?> request, String body) {
        Optional<FormParameters> form = form(body);
        Optional<SignedIn> signed = form.flatMap(parameters -> signedInWithForm(request, parameters));
        if (signed.isPresent()) {
            return new Post.Accepted(signed.get(), form.get());
        }
        return new Post.Refused(signedIn(request).isPresent() ? refusedForm() : toSignIn());
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

    static MutableHttpResponse<String> page(HttpStatus status, String html) {
        return HttpResponse.<String>status(status).body(html).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** A refused form post: the session is live but the form token is missing or wrong. */
    private static MutableHttpResponse<?> refusedForm() {
        String content = "<p>This form did not come from your console session, or the session it came from has "
                + "ended. Nothing was changed.</p><p><a href=\"/console/tokens\">Back to your tokens</a></p>";
        return page(HttpStatus.FORBIDDEN, ConsolePage.anonymous("Form refused", content));
    }

    /** A console cookie: never readable by script, never sent cross-site, and Secure where TLS was used. */
    Cookie cookie(HttpRequest<?> request, String name, String value, String path, Duration maxAge) {
        return Cookie.of(name, value).httpOnly(true).sameSite(SameSite.Strict).path(path)
                .secure(addresses.cameOverTls(request)).maxAge(maxAge);
    }

    private Cookie sessionCookie(HttpRequest<?> request, String value, Duration maxAge) {
        return cookie(request, SESSION_COOKIE, value, "/console", maxAge);
    }
}
