package dev.latchkey.adapter.rest.console;

import dev.latchkey.wire.QueryParameters;
import dev.latchkey.adapter.rest.console.ConsoleAccess.SignedIn;
import dev.latchkey.adapter.rest.console.view.CreateTokenView;
import dev.latchkey.adapter.rest.console.view.Frame;
import dev.latchkey.adapter.rest.console.view.MessageView;
import dev.latchkey.adapter.rest.console.view.Notice;
import dev.latchkey.adapter.rest.console.view.SecretView;
import dev.latchkey.adapter.rest.console.view.Times;
import dev.latchkey.adapter.rest.console.view.TokenActionView;
import dev.latchkey.adapter.rest.console.view.TokensView;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.LeakNotice;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Revocation;
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
import io.micronaut.http.HttpRequest;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The signed-in account's tokens: the list, creating one, revoking and rotating. Each request is mapped to a use
 * case, the same ones the API calls, and its answer to a page's view; what may be done to a token is the core's
 * answer ({@link Token#mayRotateAt}, {@link TokenPolicy#checkLifetime}), never this controller's.
 */
@Hidden
@Controller("/console/tokens")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleTokensController {

    private static final int PAGE_SIZE = 50;
    private static final List<String> STATUSES = List.of("all", "active", "expired", "revoked");
    /** The lifetimes the creation form offers, in days. */
    private static final List<Integer> LIFETIME_DAYS = List.of(7, 30, 60, 90);
    private static final String SUGGESTED_LIFETIME = "30";
    private static final TokenFilter EXPIRES_WITHIN_A_WEEK =
            new TokenFilter(Set.of(), Optional.of(Duration.ofDays(7)), Optional.empty());
    private static final TokenFilter UNUSED_FOR_90_DAYS =
            new TokenFilter(Set.of(), Optional.empty(), Optional.of(Duration.ofDays(90)));
    /** Overlaps a rotation offers: how long the old token keeps working beside its replacement. */
    private static final List<Duration> OVERLAPS = List.of(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(1),
            Duration.ofDays(1), Duration.ofDays(7));
    private static final Duration SUGGESTED_OVERLAP = Duration.ofHours(1);
    private static final Map<String, String> DONE_MESSAGES = Map.of("revoked", "The token is revoked.",
            "dismissed", "The notice is dismissed. Each leaked token's row still says why it was revoked.");

    private final ConsoleAccess access;
    private final ConsoleViews views;
    private final ListTokensUseCase listTokens;
    private final IssueTokenUseCase issueToken;
    private final InspectTokenUseCase inspectToken;
    private final RevokeTokenUseCase revokeToken;
    private final RotateTokenUseCase rotateToken;
    private final LeakedTokensUseCase leakedTokens;
    private final Clock clock;

    ConsoleTokensController(ConsoleAccess access, ConsoleViews views, ListTokensUseCase listTokens,
                            IssueTokenUseCase issueToken, InspectTokenUseCase inspectToken,
                            RevokeTokenUseCase revokeToken, RotateTokenUseCase rotateToken,
                            LeakedTokensUseCase leakedTokens, Clock clock) {
        this.access = access;
        this.views = views;
        this.listTokens = listTokens;
        this.issueToken = issueToken;
        this.inspectToken = inspectToken;
        this.revokeToken = revokeToken;
        this.rotateToken = rotateToken;
        this.leakedTokens = leakedTokens;
        this.clock = clock;
    }

    @Get
    MutableHttpResponse<?> tokens(HttpRequest<?> request, @Nullable @QueryValue String status,
                                  @Nullable @QueryValue String done, @Nullable @QueryValue String page) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        String shown = status == null || status.isEmpty() ? "all" : status;
        ListTokensUseCase.TokenListing listing;
        try {
            TokenFilter filter = QueryParameters.tokenFilter(shown.equals("all") ? null : shown, null, null);
            listing = listTokens.list(new ListTokensUseCase.ListTokensQuery(signed.get().caller(), filter,
                    QueryParameters.page(page), PAGE_SIZE));
        } catch (InvalidValueException invalid) {
            return message(signed.get(), HttpStatus.BAD_REQUEST, "Your tokens",
                    Notice.error("That filter or page is not one of the choices."), "/console/tokens",
                    "Show all tokens");
        }
        Instant now = clock.instant();
        LeakedTokensUseCase.LeakNotices leaks = leakedTokens.noticesFor(signed.get().caller(),
                listing.tokens().stream().map(details -> details.token().id()).toList());
        List<TokensView.Row> rows = listing.tokens().stream().map(details -> row(details, now,
                Optional.ofNullable(leaks.ofTokens().get(details.token().id())))).toList();
        List<TokensView.Leak> banner = leaks.undismissed().stream().map(leaked -> new TokensView.Leak(
                leaked.notice().token().toString(), leaked.description().value(), leaked.notice().source(),
                leaked.notice().location(), leaked.notice().foundAt())).toList();
        long pages = (listing.totalTokens() + listing.size() - 1) / listing.size();
        return views.page(HttpStatus.OK, "tokens", new TokensView(withDone(signed.get().frame("Your tokens"),
                done), signed.get().csrfToken(), banner, shown, STATUSES, rows, listing.totalTokens(),
                listing.page(), pages));
    }

    /** Dismisses the banner over the caller's tokens; the rows of leaked tokens keep saying why they were revoked. */
    @Post("/leak-notices/dismiss")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> dismissLeakNotices(HttpRequest<?> request, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) -> {
            leakedTokens.dismissNotices(signed.caller());
            return ConsoleAccess.seeOther("/console/tokens?done=dismissed");
        });
    }

    private static TokensView.Row row(TokenDetails details, Instant now, Optional<LeakNotice> leak) {
        Token token = details.token();
        boolean active = details.status() instanceof TokenStatus.Active;
        boolean personal = token.kind() == TokenKind.PERSONAL;
        Optional<Revocation> scheduled = token.revocation().filter(revocation -> active);
        return new TokensView.Row(token.id().toString(), token.description().value(),
                List.copyOf(token.scopes().values()), token.createdAt(), token.expiry().instant(),
                active && token.expiry().instant().isPresent() && EXPIRES_WITHIN_A_WEEK.matches(token, now),
                token.lastUsedAt(), token.lastUsedAt().isPresent() && UNUSED_FOR_90_DAYS.matches(token, now),
                status(details.status()), leak.filter(notice -> details.status() instanceof TokenStatus.Revoked)
                        .map(LeakNotice::source), scheduled.map(Revocation::at),
                token.revocation().filter(revocation -> revocation.reason() == RevocationReason.ROTATED).isPresent(),
                personal && token.mayRotateAt(now), personal && active);
    }

    private static TokensView.Status status(TokenStatus status) {
        if (status instanceof TokenStatus.Active) {
            return TokensView.Status.ACTIVE;
        }
        if (status instanceof TokenStatus.Expired) {
            return TokensView.Status.EXPIRED;
        }
        if (status instanceof TokenStatus.Revoked) {
            return TokensView.Status.REVOKED;
        }
        return TokensView.Status.SPENT;
    }

    // Creating a token

    @Get("/new")
    MutableHttpResponse<?> newToken(HttpRequest<?> request) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        return creationPage(signed.get(), HttpStatus.OK, Optional.empty(), "", "", SUGGESTED_LIFETIME, "");
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) -> {
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
                return views.page(HttpStatus.CREATED, "secret", new SecretView(signed.frame("Your new token"),
                        issued.credential(), issued.token().description().value(), false,
                        issued.token().expiry().instant(), Optional.empty()));
            }
            String refusal = outcome instanceof IssueTokenUseCase.Outcome.PolicyViolated violated
                    ? "The token policy that applies to you does not allow this token: "
                    + shown(violated.violation(), issueToken.policyFor(signed.caller())) + "."
                    : outcome instanceof IssueTokenUseCase.Outcome.ScopeNotAllowed notAllowed
                    ? "You may not hold one of these scopes: " + notAllowed.reason() + "."
                    : "This token cannot be issued: " + ((IssueTokenUseCase.Outcome.DelegationRefused) outcome).reason();
            return creationPage(signed, HttpStatus.CONFLICT, Optional.of(Notice.error(refusal)), description, scopes,
                    lifetimeChoice, date);
        });
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
        List<CreateTokenView.LifetimeChoice> lifetimes = LIFETIME_DAYS.stream().map(days -> {
            Optional<String> refused = policy.checkLifetime(caller.role(), Lifetime.of(Duration.ofDays(days)))
                    .map(violation -> shown(violation, policy));
            return new CreateTokenView.LifetimeChoice(String.valueOf(days), Times.plural(days, "day"),
                    String.valueOf(days).equals(lifetime) && refused.isEmpty(), refused);
        }).toList();
        boolean neverOffered = policy.checkLifetime(caller.role(), Lifetime.never()).isEmpty();
        CreateTokenView view = new CreateTokenView(notice.map(signed.frame("Create a token")::withNotice)
                .orElseGet(() -> signed.frame("Create a token")), signed.csrfToken(), description,
                TokenDescription.MAX_LENGTH, scopes, lifetimes, lifetime.equals("date"), date,
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), neverOffered,
                neverOffered && lifetime.equals("never"));
        return views.page(status, "create-token", view);
    }

    /** A policy's refusal as a person reads it: a lifetime in days, not the API's seconds. */
    private static String shown(TokenPolicy.Violation violation, TokenPolicy policy) {
        return switch (violation.rule()) {
            case MAXIMUM_LIFETIME -> "longer than the " + Times.span(policy.maximumLifetime()) + " allowed";
            case NEVER_EXPIRING -> "tokens that never expire are not allowed for your role";
            default -> violation.detail();
        };
    }

    // Revoking and rotating

    @Get("/{tokenId}/revoke")
    MutableHttpResponse<?> confirmRevoke(HttpRequest<?> request, @PathVariable String tokenId) {
        return withOwnToken(request, tokenId, (signed, token) -> views.page(HttpStatus.OK, "revoke-token",
                new TokenActionView(signed.frame("Revoke a token"), signed.csrfToken(), token.id().toString(),
                        token.description().value(), List.of())));
    }

    @Post("/{tokenId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String tokenId, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) -> {
            Optional<TokenId> id = TokenId.parse(tokenId);
            if (id.isEmpty() || revokeToken.revoke(new RevokeTokenUseCase.RevokeTokenCommand(signed.caller(),
                    id.get(), RevocationReason.REQUESTED)) instanceof RevokeTokenUseCase.Outcome.NotFound) {
                return notFound(signed);
            }
            return ConsoleAccess.seeOther("/console/tokens?done=revoked");
        });
    }

    @Get("/{tokenId}/rotate")
    MutableHttpResponse<?> rotationForm(HttpRequest<?> request, @PathVariable String tokenId) {
        return withOwnToken(request, tokenId, (signed, token) -> views.page(HttpStatus.OK, "rotate-token",
                new TokenActionView(signed.frame("Rotate a token"), signed.csrfToken(), token.id().toString(),
                        token.description().value(), OVERLAPS.stream().map(overlap ->
                                new TokenActionView.OverlapChoice(String.valueOf(overlap.toSeconds()),
                                        overlap.isZero() ? "no time: retire it now" : Times.span(overlap),
                                        overlap.equals(SUGGESTED_OVERLAP))).toList())));
    }

    @Post("/{tokenId}/rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> rotate(HttpRequest<?> request, @PathVariable String tokenId, @Nullable @Body String body) {
        return access.whenPosted(request, body, (signed, form) -> {
            Optional<TokenId> id = TokenId.parse(tokenId);
            if (id.isEmpty()) {
                return notFound(signed);
            }
            String chosen = form.get("overlap").orElse("0");
            Optional<Duration> overlap = OVERLAPS.stream()
                    .filter(offered -> String.valueOf(offered.toSeconds()).equals(chosen)).findFirst();
            if (overlap.isEmpty()) {
                return message(signed, HttpStatus.BAD_REQUEST, "Rotate a token",
                        Notice.error("Pick one of the overlaps offered."), "/console/tokens/" + id.get() + "/rotate",
                        "Back");
            }
            RotateTokenUseCase.Outcome outcome = rotateToken.rotate(new RotateTokenUseCase.RotateTokenCommand(
                    signed.caller(), id.get(), overlap.get(), Optional.empty()));
            if (outcome instanceof RotateTokenUseCase.Outcome.Rotated rotated) {
                Optional<Instant> oldWorksUntil = rotated.rotated().token().revocation().map(Revocation::at)
                        .filter(at -> at.isAfter(clock.instant()));
                return views.page(HttpStatus.CREATED, "secret", new SecretView(signed.frame("Your rotated token"),
                        rotated.replacement().credential(), rotated.replacement().token().description().value(), true,
                        rotated.replacement().token().expiry().instant(), oldWorksUntil));
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
            return message(signed, HttpStatus.CONFLICT, "Rotate a token",
                    Notice.error("The token was not rotated: " + reason + "."), "/console/tokens", "Back to your tokens");
        });
    }

    // Shared by the pages above

    /** A page about one of the caller's tokens: sign-in without a session, not found for another's or none. */
    private MutableHttpResponse<?> withOwnToken(HttpRequest<?> request, String tokenId,
                                                BiFunction<SignedIn, Token, MutableHttpResponse<?>> page) {
        Optional<SignedIn> signed = access.signedIn(request);
        if (signed.isEmpty()) {
            return ConsoleAccess.toSignIn();
        }
        return TokenId.parse(tokenId)
                .map(id -> inspectToken.inspect(new InspectTokenUseCase.InspectTokenQuery(signed.get().caller(), id)))
                .filter(InspectTokenUseCase.Outcome.Found.class::isInstance)
                .<MutableHttpResponse<?>>map(found -> page.apply(signed.get(),
                        ((InspectTokenUseCase.Outcome.Found) found).details().token()))
                .orElseGet(() -> notFound(signed.get()));
    }

    private MutableHttpResponse<?> notFound(SignedIn signed) {
        return views.page(HttpStatus.NOT_FOUND, "message", new MessageView(signed.frame("No such token"),
                List.of("You have no token with this id."), "/console/tokens", "Back to your tokens"));
    }

    private MutableHttpResponse<?> message(SignedIn signed, HttpStatus status, String title, Notice notice,
                                           String backHref, String backLabel) {
        return views.page(status, "message", new MessageView(signed.frame(title).withNotice(notice), List.of(),
                backHref, backLabel));
    }

    private static Frame withDone(Frame frame, String done) {
        return Optional.ofNullable(done).map(DONE_MESSAGES::get).map(Notice::success).map(frame::withNotice)
                .orElse(frame);
    }
}
