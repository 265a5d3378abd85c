package dev.latchkey.adapter.rest.console;

import dev.latchkey.adapter.rest.QueryParameters;
import dev.latchkey.adapter.rest.console.ConsoleAccess.SignedIn;
import dev.latchkey.adapter.rest.console.ConsolePage.Notice;
import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.adapter.rest.security.ClientAddresses;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenFilter;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.TokenStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import reactor.core.publisher.Mono;
import dev.latchkey.adapter.rest.problem.HeldRefusals;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web console's pages for every account: sign in and out, the account's tokens, and creating, revoking and
 * rotating them. Server-rendered HTML with a little script for copying a secret; every decision is a use case's,
 * the same ones the API calls. The administrators' pages are in {@link ConsoleAdminController}.
 */
@Hidden
@Controller("/console")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleController {

    private static final String SIGN_IN_COOKIE = "latchkey_console_sign_in";
    private static final int PAGE_SIZE = 50;
    /** The lifetimes the creation form offers, in days. */
    private static final List<Integer> LIFETIME_DAYS = List.of(7, 30, 60, 90);
    private static final TokenFilter EXPIRES_WITHIN_A_WEEK =
            new TokenFilter(Set.of(), Optional.of(Duration.ofDays(7)), Optional.empty());
    private static final TokenFilter UNUSED_FOR_90_DAYS =
            new TokenFilter(Set.of(), Optional.empty(), Optional.of(Duration.ofDays(90)));
    /** Overlaps a rotation offers: how long the old token keeps working beside its replacement. */
    private static final List<Overlap> OVERLAPS = List.of(new Overlap(Duration.ZERO, "no time: retire it now"),
            new Overlap(Duration.ofMinutes(5), "5 minutes"), new Overlap(Duration.ofHours(1), "1 hour"),
            new Overlap(Duration.ofDays(1), "1 day"), new Overlap(Duration.ofDays(7), "7 days"));
    private static final Duration SUGGESTED_OVERLAP = Duration.ofHours(1);
    private static final Map<String, String> DONE_MESSAGES = Map.of("revoked", "The token is revoked.",
            "signed-out", "You are signed out.");
    private static final Map<String, Asset> ASSETS = Map.of(
            "console.css", new Asset("console.css", "text/css"),
            "console.js", new Asset("console.js", "text/javascript"));

    private final ConsoleAccess access;
    private final AuthenticateUseCase authenticate;
    private final ListTokensUseCase listTokens;
    private final IssueTokenUseCase issueToken;
    private final InspectTokenUseCase inspectToken;
    private final RevokeTokenUseCase revokeToken;
    private final RotateTokenUseCase rotateToken;
    private final ClientAddresses addresses;
    private final RandomnessPort randomness;
    private final Clock clock;
    private final FormTokens formTokens;
    private final HeldRefusals held;

    ConsoleController(ConsoleAccess access, AuthenticateUseCase authenticate, ListTokensUseCase listTokens,
                      IssueTokenUseCase issueToken, InspectTokenUseCase inspectToken, RevokeTokenUseCase revokeToken,
                      RotateTokenUseCase rotateToken, ClientAddresses addresses, RandomnessPort randomness,
                      Clock clock, FormTokens formTokens, HeldRefusals held) {
        this.formTokens = formTokens;
        this.held = held;
        this.access = access;
        this.authenticate = authenticate;
        this.listTokens = listTokens;
        this.issueToken = issueToken;
        this.inspectToken = inspectToken;
        this.revokeToken = revokeToken;
        this.rotateToken = rotateToken;
        this.addresses = addresses;
        this.randomness = randomness;
        this.clock = clock;
    }

    @Get
    MutableHttpResponse<?> home(HttpRequest<?> request) {
        return access.signedIn(request).isPresent() ? ConsoleAccess.seeOther("/console/tokens")
                : ConsoleAccess.toSignIn();
    }

    // Signing in and out

    @Get("/sign-in")
    MutableHttpResponse<?> signInForm(HttpRequest<?> request, @Nullable @QueryValue String done) {
        if (access.signedIn(request).isPresent()) {
            return ConsoleAccess.seeOther("/console/tokens");
        }
        return signInPage(request, HttpStatus.OK, Optional.ofNullable(done).map(DONE_MESSAGES::get)
                .map(Notice::success), "");
    }

    /**
     * The sign-in form carries a random value that must match a cookie set with the form, so that another site
     * cannot sign a browser in to an account of its choosing (login CSRF).
     */
    @Post("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Mono<MutableHttpResponse<?>> signIn(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<FormParameters> form = ConsoleAccess.form(body);
        Optional<String> expected = request.getCookies().findCookie(SIGN_IN_COOKIE).map(Cookie::getValue);
        String presented = form.flatMap(fields -> fields.get("signin")).orElse(null);
        if (expected.isEmpty() || !FormTokens.same(expected.get(), presented)
                || !formTokens.isValidForSignIn(presented)) {
            return Mono.just(signInPage(request, HttpStatus.FORBIDDEN, Optional.of(Notice.error(
                    "The sign-in form had expired. Please sign in again.")), ""));
        }
        String username = form.get().get("username").orElse("");
        AuthenticateUseCase.Outcome outcome;
        try {
            outcome = authenticate.authenticate(new AuthenticateUseCase.PasswordCredentials(username,
                    form.get().get("password").orElse(""), addresses.of(request)));
        } catch (TooManyLoginAttemptsException limited) {
            long seconds = Math.max(1, limited.retryAfter().toSeconds());
            // Held like every other surface's refusal, so that a guesser gets no faster answers here.
            return held.hold(signInPage(request, HttpStatus.TOO_MANY_REQUESTS, Optional.of(Notice.error(
                    "Too many failed sign-ins. Try again in " + seconds + " seconds.")), username)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)), limited.retryAfter());
        }
        if (!(outcome instanceof AuthenticateUseCase.Outcome.Authenticated authenticated)) {
            return Mono.just(signInPage(request, HttpStatus.UNAUTHORIZED, Optional.of(Notice.error(
                    "The username or password is not right, or the account is disabled.")), username));
        }
        return Mono.just(ConsoleAccess.seeOther("/console/tokens")
                .cookie(access.start(request, authenticated))
                .cookie(access.cookie(request, SIGN_IN_COOKIE, "", ConsoleAccess.SIGN_IN, Duration.ZERO)));
    }

    @Post("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> signOut(HttpRequest<?> request, @Nullable @Body String body) {
        ConsoleAccess.Post post = access.post(request, body);
        if (post instanceof ConsoleAccess.Post.Refused refused) {
            return refused.response();
        }
        SignedIn signed = ((ConsoleAccess.Post.Accepted) post).signed();
        return ConsoleAccess.seeOther(ConsoleAccess.SIGN_IN + "?done=signed-out")
                .cookie(access.end(request, signed));
    }

    // The caller's tokens

    @Get("/tokens")
    MutableHttpResponse<?> tokens(HttpRequest<?> request, @Nullable @QueryValue String status,
                                  @Nullable @QueryValue String done, @Nullable @QueryValue Integer page) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        String shown = status == null || status.isEmpty() ? "all" : status;
        TokenFilter filter;
        ListTokensUseCase.TokenListing listing;
        try {
            filter = QueryParameters.tokenFilter(shown.equals("all") ? null : shown, null, null);
            listing = listTokens.list(new ListTokensUseCase.ListTokensQuery(signed.get().caller(), filter,
                    page == null ? 0 : page, PAGE_SIZE));
        } catch (InvalidValueException invalid) {
            return ConsoleAccess.page(HttpStatus.BAD_REQUEST, ConsolePage.of("Your tokens", signed.get().caller(),
                    signed.get().csrfToken(), Optional.of(Notice.error("That filter is not one of the choices.")),
                    "<p><a href=\"/console/tokens\">Show all tokens</a></p>"));
        }
        Instant now = clock.instant();
        StringBuilder content = new StringBuilder();
        content.append("<form class=\"filter\" method=\"get\" action=\"/console/tokens\">")
                .append("<label for=\"status\">Show</label><select id=\"status\" name=\"status\">");
        for (String option : List.of("all", "active", "expired", "revoked")) {
            content.append("<option value=\"").append(option).append('"')
                    .append(option.equals(shown) ? " selected" : "").append('>').append(option).append("</option>");
        }
        content.append("</select><button type=\"submit\" class=\"secondary\">Filter</button>")
                .append("<a class=\"button\" href=\"/console/tokens/new\">Create a token</a></form>");
        if (listing.tokens().isEmpty()) {
            content.append("<p class=\"empty\">No tokens").append(shown.equals("all") ? "" : " with this status")
                    .append(" yet. <a href=\"/console/tokens/new\">Create one</a> to call the API.</p>");
        } else {
            content.append("<table class=\"tokens\"><caption>").append(listing.totalTokens())
                    .append(listing.totalTokens() == 1 ? " token" : " tokens").append("</caption><thead><tr>")
                    .append("<th scope=\"col\">Description</th><th scope=\"col\">Scopes</th>")
                    .append("<th scope=\"col\">Created</th><th scope=\"col\">Expires</th>")
                    .append("<th scope=\"col\">Last used</th><th scope=\"col\">Status</th>")
                    .append("<th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th></tr></thead>")
                    .append("<tbody>");
            for (TokenDetails details : listing.tokens()) {
                content.append(row(details, now));
            }
            content.append("</tbody></table>");
            content.append(pager(listing, shown));
        }
        Optional<Notice> notice = Optional.ofNullable(done).map(DONE_MESSAGES::get).map(Notice::success);
        return ConsoleAccess.page(HttpStatus.OK, ConsolePage.of("Your tokens", signed.get().caller(),
                signed.get().csrfToken(), notice, content.toString()));
    }

    private static String row(TokenDetails details, Instant now) {
        Token token = details.token();
        String id = token.id().toString();
        String description = token.description().value().isEmpty() ? "<span class=\"muted\">(no description)</span>"
                : Html.text(token.description().value());
        String scopes = token.scopes().values().isEmpty() ? "<span class=\"muted\">none</span>"
                : Html.text(String.join(" ", token.scopes().values()));
        boolean active = details.status() instanceof TokenStatus.Active;
        String expires = token.expiry().instant().map(ConsoleController::time).orElse("never");
        if (token.expiry().instant().isEmpty()) {
            expires = "<span class=\"flag warning\">never</span>";
        } else if (active && EXPIRES_WITHIN_A_WEEK.matches(token, now)) {
            expires += " <span class=\"flag warning\">expires within 7 days</span>";
        }
        String lastUsed = token.lastUsedAt().map(ConsoleController::time)
                .orElse("<span class=\"flag\">never used</span>");
        if (token.lastUsedAt().isPresent() && UNUSED_FOR_90_DAYS.matches(token, now)) {
            lastUsed += " <span class=\"flag\">unused for 90 days</span>";
        }
        StringBuilder actions = new StringBuilder();
        if (active && token.kind() == TokenKind.PERSONAL) {
            if (token.revocation().isEmpty()) {
                actions.append("<a href=\"/console/tokens/").append(id).append("/rotate\">Rotate</a> ");
            }
            actions.append("<a class=\"danger\" href=\"/console/tokens/").append(id).append("/revoke\">Revoke</a>");
        }
        return "<tr data-token-id=\"" + id + "\"><td>" + description + "</td><td>" + scopes + "</td><td>"
                + time(token.createdAt()) + "</td><td>" + expires + "</td><td class=\"last-used\">" + lastUsed
                + "</td><td class=\"status\">" + status(details) + "</td><td class=\"actions\">" + actions
                + "</td></tr>";
    }

    private static String status(TokenDetails details) {
        TokenStatus status = details.status();
        if (status instanceof TokenStatus.Active) {
            return details.token().revocation()
                    .map(scheduled -> "<span class=\"status active\">active</span> until " + time(scheduled.at()))
                    .orElse("<span class=\"status active\">active</span>");
        }
        if (status instanceof TokenStatus.Expired) {
            return "<span class=\"status expired\">expired</span>";
        }
        if (status instanceof TokenStatus.Revoked) {
            return "<span class=\"status revoked\">revoked</span>";
        }
        return "<span class=\"status expired\">spent</span>";
    }

    private static String pager(ListTokensUseCase.TokenListing listing, String status) {
        long pages = (listing.totalTokens() + listing.size() - 1) / listing.size();
        if (pages <= 1) {
            return "";
        }
        StringBuilder pager = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages\">");
        if (listing.page() > 0) {
            pager.append("<a href=\"/console/tokens?status=").append(status).append("&amp;page=")
                    .append(listing.page() - 1).append("\">Newer</a> ");
        }
        pager.append("Page ").append(listing.page() + 1).append(" of ").append(pages);
        if (listing.page() + 1 < pages) {
            pager.append(" <a href=\"/console/tokens?status=").append(status).append("&amp;page=")
                    .append(listing.page() + 1).append("\">Older</a>");
        }
        return pager.append("</nav>").toString();
    }

    // Creating a token

    @Get("/tokens/new")
    MutableHttpResponse<?> newToken(HttpRequest<?> request) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        return creationPage(signed.get(), HttpStatus.OK, Optional.empty(), "", "", "30", "");
    }

    @Post("/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        ConsoleAccess.Post post = access.post(request, body);
        if (post instanceof ConsoleAccess.Post.Refused refused) {
            return refused.response();
        }
        SignedIn signed = ((ConsoleAccess.Post.Accepted) post).signed();
        FormParameters form = ((ConsoleAccess.Post.Accepted) post).form();
        String description = form.get("description").orElse("");
        String scopes = form.get("scopes").orElse("");
        String lifetimeChoice = form.get("lifetime").orElse("");
        String date = form.get("date").orElse("");
        IssueTokenUseCase.Outcome outcome;
        try {
            Lifetime lifetime = chosenLifetime(lifetimeChoice, date);
            outcome = issueToken.issue(new IssueTokenUseCase.IssueTokenCommand(signed.caller(),
                    TokenDescription.of(description), Scopes.parseSpaceDelimited(scopes), Optional.of(lifetime)));
        } catch (InvalidValueException invalid) {
            return creationPage(signed, HttpStatus.BAD_REQUEST, Optional.of(Notice.error(invalid.getMessage())),
                    description, scopes, lifetimeChoice, date);
        }
        if (outcome instanceof IssueTokenUseCase.Outcome.Issued issued) {
            return secretPage(signed, "Your new token", issued.token(), issued.credential(),
                    "<p>It is active now" + issued.token().expiry().instant()
                            .map(expiry -> " and expires " + time(expiry)).orElse(" and never expires") + ".</p>");
        }
        String refusal = outcome instanceof IssueTokenUseCase.Outcome.PolicyViolated violated
                ? "Your organization's policy does not allow this token: " + violated.violation().detail() + "."
                : outcome instanceof IssueTokenUseCase.Outcome.ScopeNotAllowed notAllowed
                ? "You may not hold one of these scopes: " + notAllowed.reason() + "."
                : "This token cannot be issued: " + ((IssueTokenUseCase.Outcome.DelegationRefused) outcome).reason();
        return creationPage(signed, HttpStatus.CONFLICT, Optional.of(Notice.error(refusal)), description, scopes,
                lifetimeChoice, date);
    }

    /**
     * A lifetime from the form: a number of days offered, the end of a chosen date (UTC), or never. The use case
     * decides whether the policy allows it.
     */
    private Lifetime chosenLifetime(String choice, String date) {
        if (choice.equals("never")) {
            return Lifetime.never();
        }
        if (choice.equals("date")) {
            Duration untilEndOfDay;
            try {
                untilEndOfDay = Duration.between(clock.instant(),
                        LocalDate.parse(date).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeException unreadableOrOutOfRange) {
                throw new InvalidValueException("date", "pick the date the token should expire on");
            }
            if (untilEndOfDay.isNegative() || untilEndOfDay.isZero()) {
                throw new InvalidValueException("date", "the expiry date must be today or later");
            }
            return Lifetime.of(untilEndOfDay);
        }
        return LIFETIME_DAYS.stream().filter(days -> String.valueOf(days).equals(choice)).findFirst()
                .map(days -> Lifetime.of(Duration.ofDays(days)))
                .orElseThrow(() -> new InvalidValueException("lifetime", "pick one of the lifetimes offered"));
    }

    private MutableHttpResponse<?> creationPage(SignedIn signed, HttpStatus status, Optional<Notice> notice,
                                                String description, String scopes, String lifetime, String date) {
        Caller caller = signed.caller();
        TokenPolicy policy = issueToken.policyFor(caller);
        StringBuilder options = new StringBuilder();
        for (int days : LIFETIME_DAYS) {
            Optional<TokenPolicy.Violation> refused = policy.checkLifetime(caller.role(),
                    Lifetime.of(Duration.ofDays(days)));
            options.append(lifetimeOption(String.valueOf(days), days + " days", lifetime, refused, ""));
        }
        options.append(lifetimeOption("date", "On a date", lifetime, Optional.empty(),
                " <label class=\"inline\" for=\"date\"><span class=\"visually-hidden\">Expiry date</span></label>"
                        + "<input type=\"date\" id=\"date\" name=\"date\" value=\"" + Html.text(date) + "\" min=\""
                        + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + "\">"));
        Optional<TokenPolicy.Violation> neverRefused = policy.checkLifetime(caller.role(), Lifetime.never());
        if (neverRefused.isEmpty()) {
            options.append(lifetimeOption("never", "No expiration", lifetime, Optional.empty(),
                    " <span class=\"flag warning\">A token that never expires works until someone revokes it. "
                            + "Prefer a lifetime.</span>"));
        }
        String content = "<form class=\"stacked\" method=\"post\" action=\"/console/tokens\">"
                + ConsolePage.csrfField(signed.csrfToken())
                + "<div class=\"field\"><label for=\"description\">Description</label>"
                + "<input type=\"text\" id=\"description\" name=\"description\" maxlength=\""
                + TokenDescription.MAX_LENGTH + "\" value=\"" + Html.text(description) + "\" "
                + "aria-describedby=\"description-hint\" autofocus>"
                + "<p class=\"hint\" id=\"description-hint\">What the token is for, such as \"deploy bot\".</p></div>"
                + "<div class=\"field\"><label for=\"scopes\">Scopes</label>"
                + "<input type=\"text\" id=\"scopes\" name=\"scopes\" value=\"" + Html.text(scopes) + "\" "
                + "aria-describedby=\"scopes-hint\">"
                + "<p class=\"hint\" id=\"scopes-hint\">Separated by spaces, such as \"read deploy\". Leave empty "
                + "for none.</p></div>"
                + "<fieldset class=\"field\"><legend>Expires</legend>" + options + "</fieldset>"
                + "<div class=\"actions\"><button type=\"submit\">Create token</button> "
                + "<a href=\"/console/tokens\">Cancel</a></div></form>";
        return ConsoleAccess.page(status, ConsolePage.of("Create a token", caller, signed.csrfToken(), notice,
                content));
    }

    private static String lifetimeOption(String value, String label, String chosen,
                                         Optional<TokenPolicy.Violation> refused, String extra) {
        String id = "lifetime-" + value;
        return "<div class=\"choice\"><input type=\"radio\" name=\"lifetime\" id=\"" + id + "\" value=\"" + value
                + "\"" + (value.equals(chosen) && refused.isEmpty() ? " checked" : "")
                + (refused.isPresent() ? " disabled" : "") + "><label for=\"" + id + "\">" + Html.text(label)
                + refused.map(violation -> " <span class=\"muted\">(not allowed: " + Html.text(violation.detail())
                        + ")</span>").orElse("") + "</label>" + extra + "</div>";
    }

    /** The one page that shows a secret: never cached, never shown again. */
    private MutableHttpResponse<?> secretPage(SignedIn signed, String title, Token token, String secret,
                                              String afterwards) {
        String content = "<section class=\"secret\" aria-labelledby=\"secret-label\">"
                + "<p id=\"secret-label\"><strong>Copy your token now. You won't see it again.</strong></p>"
                + "<div class=\"copy\"><input type=\"text\" id=\"secret\" readonly value=\"" + Html.text(secret)
                + "\" aria-labelledby=\"secret-label\" spellcheck=\"false\">"
                + "<button type=\"button\" class=\"copy-button\" data-copy=\"secret\" hidden>Copy</button>"
                + "<span class=\"copied\" role=\"status\" aria-live=\"polite\"></span></div>"
                + "<p>Send it as <code>Authorization: Bearer &lt;token&gt;</code>. "
                + (token.description().value().isEmpty() ? "" : "It is \"" + Html.text(token.description().value())
                + "\". ") + "</p>" + afterwards + "</section>"
                + "<p><a class=\"button\" href=\"/console/tokens\">Done</a></p>";
        return ConsoleAccess.page(HttpStatus.CREATED, ConsolePage.of(title, signed.caller(), signed.csrfToken(),
                Optional.empty(), content));
    }

    // Revoking and rotating

    @Get("/tokens/{tokenId}/revoke")
    MutableHttpResponse<?> confirmRevoke(HttpRequest<?> request, @PathVariable String tokenId) {
        return withOwnToken(request, tokenId, (signed, token) -> ConsolePage.of("Revoke a token", signed.caller(),
                signed.csrfToken(), Optional.empty(), "<p>Revoke " + named(token) + "? Anything that uses it is "
                        + "refused from the next request on. This cannot be undone.</p>"
                        + "<form method=\"post\" action=\"/console/tokens/" + token.id() + "/revoke\">"
                        + ConsolePage.csrfField(signed.csrfToken())
                        + "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Revoke token</button> "
                        + "<a href=\"/console/tokens\">Cancel</a></div></form>"));
    }

    @Post("/tokens/{tokenId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String tokenId, @Nullable @Body String body) {
        ConsoleAccess.Post post = access.post(request, body);
        if (post instanceof ConsoleAccess.Post.Refused refused) {
            return refused.response();
        }
        SignedIn signed = ((ConsoleAccess.Post.Accepted) post).signed();
        Optional<TokenId> id = TokenId.parse(tokenId);
        if (id.isEmpty() || revokeToken.revoke(new RevokeTokenUseCase.RevokeTokenCommand(signed.caller(),
                id.get(), RevocationReason.REQUESTED)) instanceof RevokeTokenUseCase.Outcome.NotFound) {
            return notFound(signed);
        }
        return ConsoleAccess.seeOther("/console/tokens?done=revoked");
    }

    @Get("/tokens/{tokenId}/rotate")
    MutableHttpResponse<?> rotationForm(HttpRequest<?> request, @PathVariable String tokenId) {
        return withOwnToken(request, tokenId, (signed, token) -> ConsolePage.of("Rotate a token", signed.caller(),
                signed.csrfToken(), Optional.empty(), "<p>Rotating " + named(token) + " makes a new token with the "
                        + "same description, scopes and lifetime, and retires this one. With an overlap, both work for "
                        + "a while, so that whatever uses the old one can switch without an outage.</p>"
                        + "<form class=\"stacked\" method=\"post\" action=\"/console/tokens/" + token.id()
                        + "/rotate\">" + ConsolePage.csrfField(signed.csrfToken())
                        + "<div class=\"field\"><label for=\"overlap\">The old token keeps working for</label>"
                        + "<select id=\"overlap\" name=\"overlap\">" + overlapOptions() + "</select>"
                        + "</div><div class=\"actions\"><button type=\"submit\">Rotate token</button> "
                        + "<a href=\"/console/tokens\">Cancel</a></div></form>"));
    }

    @Post("/tokens/{tokenId}/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> rotate(HttpRequest<?> request, @PathVariable String tokenId, @Nullable @Body String body) {
        ConsoleAccess.Post post = access.post(request, body);
        if (post instanceof ConsoleAccess.Post.Refused refused) {
            return refused.response();
        }
        SignedIn signed = ((ConsoleAccess.Post.Accepted) post).signed();
        FormParameters form = ((ConsoleAccess.Post.Accepted) post).form();
        Optional<TokenId> id = TokenId.parse(tokenId);
        Duration overlap = OVERLAPS.stream().filter(offered -> offered.value().equals(form.get("overlap").orElse("0")))
                .findFirst().map(Overlap::duration).orElse(null);
        if (id.isEmpty()) {
            return notFound(signed);
        }
        if (overlap == null) {
            return ConsoleAccess.page(HttpStatus.BAD_REQUEST, ConsolePage.of("Rotate a token", signed.caller(),
                    signed.csrfToken(), Optional.of(Notice.error("Pick one of the overlaps offered.")),
                    "<p><a href=\"/console/tokens/" + id.get() + "/rotate\">Back</a></p>"));
        }
        RotateTokenUseCase.Outcome outcome = rotateToken.rotate(new RotateTokenUseCase.RotateTokenCommand(
                signed.caller(), id.get(), overlap, Optional.empty()));
        if (outcome instanceof RotateTokenUseCase.Outcome.Rotated rotated) {
            String oldUntil = rotated.rotated().token().revocation().map(revocation -> revocation.at())
                    .filter(at -> at.isAfter(clock.instant()))
                    .map(at -> "<p>The old token keeps working until " + time(at) + ".</p>")
                    .orElse("<p>The old token no longer works.</p>");
            return secretPage(signed, "Your rotated token", rotated.replacement().token(),
                    rotated.replacement().credential(), oldUntil);
        }
        if (outcome instanceof RotateTokenUseCase.Outcome.NotFound) {
            return notFound(signed);
        }
        String reason = outcome instanceof RotateTokenUseCase.Outcome.NotRotatable notRotatable
                ? notRotatable.reason() : outcome instanceof RotateTokenUseCase.Outcome.DelegationRefused refused
                ? refused.reason() : outcome instanceof RotateTokenUseCase.Outcome.PolicyViolated violated
                ? violated.violation().rule().wireName() + ": " + violated.violation().detail()
                : outcome instanceof RotateTokenUseCase.Outcome.ScopeNotAllowed notAllowed
                ? notAllowed.reason() : ((RotateTokenUseCase.Outcome.KeyReused) outcome).reason();
        return ConsoleAccess.page(HttpStatus.CONFLICT, ConsolePage.of("Rotate a token", signed.caller(),
                signed.csrfToken(), Optional.of(Notice.error("The token was not rotated: " + reason + ".")),
                "<p><a href=\"/console/tokens\">Back to your tokens</a></p>"));
    }

    // Assets

    @Get("/assets/{name}")
    HttpResponse<byte[]> asset(@PathVariable String name) {
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(asset.bytes()).contentType(asset.type())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    // Shared by the pages above

    /** A page about one of the caller's tokens: sign-in without a session, not found for another's or none. */
    private MutableHttpResponse<?> withOwnToken(HttpRequest<?> request, String tokenId,
                                                java.util.function.BiFunction<SignedIn, Token, String> page) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        return ownToken(signed.get().caller(), tokenId)
                .<MutableHttpResponse<?>>map(details -> ConsoleAccess.page(HttpStatus.OK,
                        page.apply(signed.get(), details.token())))
                .orElseGet(() -> notFound(signed.get()));
    }

    private Optional<TokenDetails> ownToken(Caller caller, String tokenId) {
        return TokenId.parse(tokenId).map(id -> inspectToken.inspect(new InspectTokenUseCase.InspectTokenQuery(caller,
                        id)))
                .filter(InspectTokenUseCase.Outcome.Found.class::isInstance)
                .map(found -> ((InspectTokenUseCase.Outcome.Found) found).details());
    }

    private static MutableHttpResponse<?> notFound(SignedIn signed) {
        return ConsoleAccess.page(HttpStatus.NOT_FOUND, ConsolePage.of("No such token", signed.caller(),
                signed.csrfToken(), Optional.empty(), "<p>You have no token with this id.</p>"
                        + "<p><a href=\"/console/tokens\">Back to your tokens</a></p>"));
    }

    private static String named(Token token) {
        return token.description().value().isEmpty() ? "this token"
                : "<strong>" + Html.text(token.description().value()) + "</strong>";
    }

    private MutableHttpResponse<?> signInPage(HttpRequest<?> request, HttpStatus status, Optional<Notice> notice,
                                              String username) {
        String formToken = formTokens.issueForSignIn();
        String content = notice.map(Notice::html).orElse("")
                + "<form class=\"stacked\" method=\"post\" action=\"/console/sign-in\">"
                + "<input type=\"hidden\" name=\"signin\" value=\"" + formToken + "\">"
                + "<div class=\"field\"><label for=\"username\">Username</label>"
                + "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required "
                + "value=\"" + Html.text(username) + "\"" + (username.isEmpty() ? " autofocus" : "") + "></div>"
                + "<div class=\"field\"><label for=\"password\">Password</label>"
                + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" "
                + "required" + (username.isEmpty() ? "" : " autofocus") + "></div>"
                + "<div class=\"actions\"><button type=\"submit\">Sign in</button></div></form>";
        return ConsoleAccess.page(status, ConsolePage.anonymous("Sign in", content))
                .cookie(access.cookie(request, SIGN_IN_COOKIE, formToken, ConsoleAccess.SIGN_IN,
                        FormTokens.VALIDITY));
    }

    static String time(Instant instant) {
        return "<time datetime=\"" + instant + "\">" + instant.atOffset(ZoneOffset.UTC).toLocalDateTime()
                .withSecond(0).withNano(0).toString().replace('T', ' ') + " UTC</time>";
    }

    private static String overlapOptions() {
        StringBuilder options = new StringBuilder();
        for (Overlap overlap : OVERLAPS) {
            options.append("<option value=\"").append(overlap.value()).append('"')
                    .append(overlap.duration().equals(SUGGESTED_OVERLAP) ? " selected" : "").append('>')
                    .append(Html.text(overlap.label())).append("</option>");
        }
        return options.toString();
    }

    /** An overlap the rotation form offers, sent as its number of seconds. */
    private record Overlap(Duration duration, String label) {
        String value() {
            return String.valueOf(duration.toSeconds());
        }
    }

    private record Asset(byte[] bytes, String type) {
        Asset(String name, String type) {
            this(read(name), type);
        }

        private static byte[] read(String name) {
            try (InputStream in = ConsoleController.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing from the jar: " + name);
                }
                return in.readAllBytes();
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
    }
}
