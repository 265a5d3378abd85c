package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.ContentSecurityPolicies;
import dev.latchkey.adapter.rest.console.view.ConsentView;
import dev.latchkey.adapter.rest.console.view.ContinueView;
import dev.latchkey.adapter.rest.console.view.Frame;
import dev.latchkey.adapter.rest.console.view.MessageView;
import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.adapter.rest.oauth.AuthorizationRequestParameters;
import dev.latchkey.adapter.rest.oauth.IssuerLocation;
import dev.latchkey.adapter.rest.oauth.OAuthEndpoints;
import dev.latchkey.application.port.in.AuthorizeUseCase;
import dev.latchkey.application.port.in.AuthorizeUseCase.AuthorizationParameters;
import dev.latchkey.application.port.in.AuthorizeUseCase.Check;
import dev.latchkey.application.port.in.AuthorizeUseCase.Decision;
import dev.latchkey.application.port.in.AuthorizeUseCase.ErrorRedirect;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization endpoint (RFC 6749 section 4.1 with PKCE, RFC 9126, RFC 9207) and its console side, where the
 * person signs in and consents.
 *
 * <p>{@code /oauth2/authorize} checks the request: one whose client or redirect URI cannot be trusted is answered here,
 * on a page, and never redirected (that would make an open redirect of it); other errors go back to the client. A sound
 * request goes on to {@code /console/authorize}, the only path the console's session cookie is sent to. There the
 * person signs in if needed, and is asked to consent if needed; nothing is stored between the steps: each page carries
 * the request, and each step checks it again.
 */
@Tag(name = OAuthEndpoints.TAG, description = OAuthEndpoints.TAG_DESCRIPTION)
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleAuthorizeController {

    /** Marks a request already sent on from a page of this site, which therefore carries the session cookie. */
    private static final String CONTINUED = "continued";
    /** The moment sign-in was asked for: a session opened since is a fresh one ({@code prompt=login}). */
    private static final String SIGNED_IN_AFTER = "signed_in_after";

    private final AuthorizeUseCase authorize;
    private final ConsoleAccess access;
    private final ConsoleViews views;
    private final SignInPages signInPages;
    private final IssuerLocation issuer;
    private final Clock clock;

    ConsoleAuthorizeController(AuthorizeUseCase authorize, ConsoleAccess access, ConsoleViews views,
                               SignInPages signInPages, IssuerLocation issuer, Clock clock) {
        this.authorize = authorize;
        this.access = access;
        this.views = views;
        this.signInPages = signInPages;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The authorization endpoint. */
    @Get(OAuthEndpoints.AUTHORIZE)
    @Parameter(name = "client_id", in = ParameterIn.QUERY, required = true)
    @Parameter(name = "response_type", in = ParameterIn.QUERY, description = "code")
    @Parameter(name = "redirect_uri", in = ParameterIn.QUERY,
            description = "one the client registered; may be left out if it registered exactly one")
    @Parameter(name = "scope", in = ParameterIn.QUERY, description = "space-delimited")
    @Parameter(name = "state", in = ParameterIn.QUERY, description = "returned as it was sent")
    @Parameter(name = "code_challenge", in = ParameterIn.QUERY, description = "PKCE (RFC 7636), required")
    @Parameter(name = "code_challenge_method", in = ParameterIn.QUERY, description = "S256, the only one accepted")
    @Parameter(name = "prompt", in = ParameterIn.QUERY, description = "none, login or consent")
    @Parameter(name = "request_uri", in = ParameterIn.QUERY,
            description = "a pushed request's (RFC 9126), which then holds every other parameter")
    @ApiResponse(responseCode = "303", description = "On to sign-in and consent; or an error for the client at its "
            + "redirect URI, with error, error_description, state and iss")
    @ApiResponse(responseCode = "400", description = "A page: the client or the redirect URI cannot be trusted, so "
            + "nothing is sent back to it", content = @Content(mediaType = "text/html",
            schema = @Schema(type = "string", description = "An HTML page that says what was wrong")))
    MutableHttpResponse<?> authorize(HttpRequest<?> request) {
        return withRequest(request, query(request), (parameters, sound) -> ConsoleAccess.seeOther(
                OAuthEndpoints.CONSOLE_AUTHORIZE + "?" + AuthorizationRequestParameters.query(parameters)));
    }

    @Hidden
    @Get(OAuthEndpoints.CONSOLE_AUTHORIZE)
    MutableHttpResponse<?> signInAndConsent(HttpRequest<?> request) {
        Optional<FormParameters> query = query(request);
        return withRequest(request, query, (parameters, sound) -> {
            Optional<ConsoleAccess.SignedIn> signed = access.signedIn(request);
            FormParameters markers = query.orElseThrow();
            String here = OAuthEndpoints.CONSOLE_AUTHORIZE + "?" + AuthorizationRequestParameters.query(parameters);
            Optional<Instant> signInAsked = markers.get(SIGNED_IN_AFTER).flatMap(ConsoleAuthorizeController::instant);
            if (signed.isEmpty() && markers.get(CONTINUED).isEmpty()) {
                String signInAfter = signInAsked.map(at -> "&" + SIGNED_IN_AFTER + "=" + at.getEpochSecond())
                        .orElse("");
                return views.page(HttpStatus.OK, "continue", new ContinueView(Frame.anonymous("Continuing"),
                        here + "&" + CONTINUED + "=1" + signInAfter));
            }
            boolean fresh = signed.isPresent() && signInAsked.isPresent()
                    && !signed.get().signedInAt().isBefore(signInAsked.get());
            Decision decision = authorize.decide(sound, signed.map(session -> session.caller().accountId()), fresh);
            if (decision instanceof Decision.SignIn) {
                Instant asked = signInAsked.orElseGet(() -> clock.instant());
                return signInPages.pageFor(request, sound.client().name(), here + "&" + CONTINUED + "=1&"
                        + SIGNED_IN_AFTER + "=" + asked.getEpochSecond());
            }
            return respond(request, parameters, sound, signed, decision);
        });
    }

    /** The consent page's answer; the request it carries is checked again, as if it had just arrived. */
    @Hidden
    @Post(OAuthEndpoints.CONSOLE_AUTHORIZE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> answer(HttpRequest<?> request, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) -> {
            Optional<String> decision = form.get("decision").filter(value -> value.equals("allow")
                    || value.equals("deny"));
            if (decision.isEmpty()) {
                return unsafe("The answer was neither Allow nor Deny.");
            }
            Optional<FormParameters> carried = ConsoleAccess.form(form.get("request").orElse(""));
            return withRequest(request, carried, (parameters, sound) -> respond(request, parameters, sound,
                    Optional.of(signed), authorize.answer(sound, signed.caller().accountId(),
                            decision.get().equals("allow"))));
        });
    }

    @FunctionalInterface
    private interface SoundRequestHandler {
        MutableHttpResponse<?> handle(AuthorizationParameters parameters, Check.Sound sound);
    }

    private MutableHttpResponse<?> withRequest(HttpRequest<?> request, Optional<FormParameters> form,
                                               SoundRequestHandler handler) {
        if (form.isEmpty()) {
            return unsafe("The request's parameters are malformed: one appears twice, or is badly encoded.");
        }
        AuthorizationParameters parameters = AuthorizationRequestParameters.from(form.get());
        Check check = authorize.check(parameters);
        if (check instanceof Check.Unsafe unsafe) {
            return unsafe(unsafe.reason());
        }
        if (check instanceof Check.Refused refused) {
            return refused(request, refused.redirect());
        }
        return handler.handle(parameters, (Check.Sound) check);
    }

    private MutableHttpResponse<?> respond(HttpRequest<?> request, AuthorizationParameters parameters,
                                           Check.Sound sound, Optional<ConsoleAccess.SignedIn> signed,
                                           Decision decision) {
        if (decision instanceof Decision.Code code) {
            Map<String, String> response = new LinkedHashMap<>();
            response.put("code", code.code());
            code.state().ifPresent(state -> response.put("state", state));
            response.put("iss", issuer.of(request));
            return ConsoleAccess.seeOther(AuthorizationRequestParameters.redirect(code.redirectUri(), response));
        }
        if (decision instanceof Decision.Refused refused) {
            return refused(request, refused.redirect());
        }
        if (decision instanceof Decision.AskConsent ask && signed.isPresent()) {
            String redirectUri = sound.request().redirectUri();
            return views.page(HttpStatus.OK, "consent", new ConsentView(
                            signed.get().frame("Allow " + ask.client().name() + "?"), signed.get().csrfToken(),
                            ask.client().name(), ask.client().id().value(), List.copyOf(ask.scopes().values()),
                            AuthorizationRequestParameters.query(parameters), shownHost(redirectUri),
                            ask.previously().isPresent()))
                    .header(ContentSecurityPolicies.HEADER, ContentSecurityPolicies.consoleAllowingFormsTo(redirectUri));
        }
        if (decision instanceof Decision.Unsafe unsafe) {
            return unsafe(unsafe.reason());
        }
        return ConsoleAccess.toSignIn();
    }

    /** RFC 6749 section 4.1.2.1, with RFC 9207's {@code iss} so the client knows which server answered. */
    private MutableHttpResponse<?> refused(HttpRequest<?> request, ErrorRedirect error) {
        Map<String, String> response = new LinkedHashMap<>();
        response.put("error", error.error());
        response.put("error_description", error.description());
        error.state().ifPresent(state -> response.put("state", state));
        response.put("iss", issuer.of(request));
        return ConsoleAccess.seeOther(AuthorizationRequestParameters.redirect(error.redirectUri(), response));
    }

    private MutableHttpResponse<?> unsafe(String reason) {
        return views.page(HttpStatus.BAD_REQUEST, "message", new MessageView(Frame.anonymous("Sign-in refused"),
                List.of(reason, "Nothing was sent back to the application. Go back to it and start again, or tell "
                        + "its developers."), "/console", "Go to the console"));
    }

    private static Optional<FormParameters> query(HttpRequest<?> request) {
        return ConsoleAccess.form(Optional.ofNullable(request.getUri().getRawQuery()).orElse(""));
    }

    private static Optional<Instant> instant(String epochSeconds) {
        try {
            long seconds = Long.parseLong(epochSeconds);
            return seconds >= 0 && seconds < Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()
                    ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    /** The host a person recognizes (or the app's own scheme), not the whole URI. */
    private static String shownHost(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            return uri.getHost() != null ? uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    : uri.getScheme() + ":";
        } catch (URISyntaxException unreachable) {
            return redirectUri;
        }
    }
}
