package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.console.view.Notice;
import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.adapter.rest.problem.HeldRefusals;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Signing in to the console and out of it. The password goes through the same use case and login limits as the
 * API's; a session is then opened in the store every node shares.
 */
@Hidden
@Controller("/console")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleSignInController {

    private static final Map<String, String> DONE_MESSAGES = Map.of("signed-out", "You are signed out.");

    /** The longest console path a sign-in returns to: an authorization request's, with its state, fits. */
    static final int LONGEST_RETURN = 8192;

    private final ConsoleAccess access;
    private final SignInPages pages;
    private final AuthenticateUseCase authenticate;
    private final ClientAddresses addresses;
    private final FormTokens formTokens;
    private final HeldRefusals held;

    ConsoleSignInController(ConsoleAccess access, SignInPages pages, AuthenticateUseCase authenticate,
                            ClientAddresses addresses, FormTokens formTokens, HeldRefusals held) {
        this.access = access;
        this.pages = pages;
        this.authenticate = authenticate;
        this.addresses = addresses;
        this.formTokens = formTokens;
        this.held = held;
    }

    @Get
    MutableHttpResponse<?> home(HttpRequest<?> request) {
        return access.signedIn(request).isPresent() ? ConsoleAccess.seeOther("/console/tokens")
                : ConsoleAccess.toSignIn();
    }

    /** @param returnTo a console page to go on to once signed in; anything else is ignored (no open redirect) */
    @Get("/sign-in")
    MutableHttpResponse<?> signInForm(HttpRequest<?> request, @Nullable @QueryValue String done,
                                      @Nullable @QueryValue("return") String returnTo) {
        String next = consolePath(returnTo);
        if (access.signedIn(request).isPresent()) {
            return ConsoleAccess.seeOther(next.isEmpty() ? "/console/tokens" : next);
        }
        return pages.page(request, HttpStatus.OK, Optional.ofNullable(done).map(DONE_MESSAGES::get)
                .map(Notice::success), "", next);
    }

    /**
     * A path on this server's console, and nothing that a browser could take for another origin: it starts with
     * {@code /console/}, and has no backslash, no {@code //}, no control character and no scheme; otherwise {@code ""}.
     */
    static String consolePath(String candidate) {
        if (candidate == null || candidate.length() > LONGEST_RETURN || !candidate.startsWith("/console/")
                || candidate.contains("\\") || candidate.contains("//") || candidate.contains(":")
                || candidate.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return "";
        }
        return candidate;
    }

    /**
     * The sign-in form carries a value the server issued that must match a cookie set with the form, so that another
     * site cannot sign a browser in to an account of its choosing (login CSRF).
     */
    @Post("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Mono<MutableHttpResponse<?>> signIn(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<FormParameters> form = ConsoleAccess.form(body);
        Optional<String> expected = request.getCookies().findCookie(SignInPages.SIGN_IN_COOKIE)
                .map(Cookie::getValue);
        String presented = form.flatMap(fields -> fields.get("signin")).orElse(null);
        String next = consolePath(form.flatMap(fields -> fields.get("return")).orElse(null));
        if (expected.isEmpty() || !FormTokens.same(expected.get(), presented)
                || !formTokens.isValidForSignIn(presented)) {
            return Mono.just(pages.page(request, HttpStatus.FORBIDDEN, Optional.of(Notice.error(
                    "The sign-in form had expired. Please sign in again.")), "", next));
        }
        String username = form.get().get("username").orElse("");
        AuthenticateUseCase.Outcome outcome;
        try {
            outcome = authenticate.authenticate(new AuthenticateUseCase.PasswordCredentials(username,
                    form.get().get("password").orElse(""), addresses.of(request)));
        } catch (TooManyLoginAttemptsException limited) {
            long seconds = Math.max(1, limited.retryAfter().toSeconds());
            // Held like every other surface's refusal, so that a guesser gets no faster answers here.
            return held.hold(pages.page(request, HttpStatus.TOO_MANY_REQUESTS, Optional.of(Notice.error(
                    "Too many failed sign-ins. Try again in " + seconds + " seconds.")), username, next)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)), limited.retryAfter());
        }
        if (!(outcome instanceof AuthenticateUseCase.Outcome.Authenticated authenticated)) {
            return Mono.just(pages.page(request, HttpStatus.UNAUTHORIZED, Optional.of(Notice.error(
                    "The username or password is not right, or the account is disabled.")), username, next));
        }
        // A session this browser held before (a sign-in again, as prompt=login asks) ends with the new one's start.
        access.signedIn(request).ifPresent(previous -> access.end(request, previous));
        return Mono.just(ConsoleAccess.seeOther(next.isEmpty() ? "/console/tokens" : next)
                .cookie(access.start(request, authenticated))
                .cookie(access.cookie(request, SignInPages.SIGN_IN_COOKIE, "", ConsoleAccess.SIGN_IN,
                        Duration.ZERO)));
    }

    @Post("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> signOut(HttpRequest<?> request, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) ->
                ConsoleAccess.seeOther(ConsoleAccess.SIGN_IN + "?done=signed-out").cookie(access.end(request, signed)));
    }
}
