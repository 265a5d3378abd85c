package dev.latchkey.adapter.rest.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.AuthorizeUseCase;
import dev.latchkey.application.port.in.AuthorizeUseCase.AuthorizationParameters;
import dev.latchkey.application.port.in.AuthorizeUseCase.Check;
import dev.latchkey.application.port.in.AuthorizeUseCase.Decision;
import dev.latchkey.application.port.in.AuthorizeUseCase.ErrorRedirect;
import dev.latchkey.application.port.in.AuthorizedApplicationsUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssuedToken;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SecretDerivationPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuthorizationRequest;
import dev.latchkey.domain.CodeChallenge;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.LeakNotice;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SessionTimeouts;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenPolicy;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.TokenStatus;
import dev.latchkey.domain.Username;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's controllers through the real Netty server, with every use case mocked: each page, each refusal, and
 * that the controllers only map requests to use cases and answers to pages. The browser tests in token-bootstrap run
 * the same pages against the whole service.
 */
@MicronautTest
class ConsoleControllersTest {

    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final String SESSION = "a-session-secret-of-the-browser-0123456789abcdef";
    private static final Caller ALICE = Caller.byPassword(new AccountId(UUID.randomUUID()), Username.of("alice"),
            Role.USER);
    private static final Caller ROOT = Caller.byPassword(new AccountId(UUID.randomUUID()), Username.of("root"),
            Role.ADMIN);
    private static final Pattern SIGN_IN_FIELD = Pattern.compile("name=\"signin\" value=\"([^\"]+)\"");

    @Inject
    EmbeddedServer server;
    @Inject
    FormTokens formTokens;
    @Inject
    AuthenticateUseCase authenticate;
    @Inject
    SignInSessionsUseCase sessions;
    @Inject
    ListTokensUseCase listTokens;
    @Inject
    IssueTokenUseCase issueToken;
    @Inject
    InspectTokenUseCase inspectToken;
    @Inject
    RevokeTokenUseCase revokeToken;
    @Inject
    RotateTokenUseCase rotateToken;
    @Inject
    ReadAccountsUseCase accounts;
    @Inject
    ChangeAccountUseCase changeAccount;
    @Inject
    AdministerPartnersUseCase partners;
    @Inject
    AdministerClientsUseCase clients;
    @Inject
    ReadAuditTrailUseCase auditTrail;
    @Inject
    dev.latchkey.application.port.in.AdministerWebhooksUseCase webhooks;
    @Inject
    DeviceAuthorizationUseCase devices;
    @Inject
    AuthorizeUseCase authorize;
    @Inject
    AuthorizedApplicationsUseCase applications;
    @Inject
    LeakedTokensUseCase leakedTokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @MockBean(AuthenticateUseCase.class)
    AuthenticateUseCase authenticate() {
        return mock(AuthenticateUseCase.class);
    }

    @MockBean(SignInSessionsUseCase.class)
    SignInSessionsUseCase sessions() {
        return mock(SignInSessionsUseCase.class);
    }

    @MockBean(ListTokensUseCase.class)
    ListTokensUseCase listTokens() {
        return mock(ListTokensUseCase.class);
    }

    @MockBean(IssueTokenUseCase.class)
    IssueTokenUseCase issueToken() {
        return mock(IssueTokenUseCase.class);
    }

    @MockBean(InspectTokenUseCase.class)
    InspectTokenUseCase inspectToken() {
        return mock(InspectTokenUseCase.class);
    }

    @MockBean(RevokeTokenUseCase.class)
    RevokeTokenUseCase revokeToken() {
        return mock(RevokeTokenUseCase.class);
    }

    @MockBean(RotateTokenUseCase.class)
    RotateTokenUseCase rotateToken() {
        return mock(RotateTokenUseCase.class);
    }

    @MockBean(ReadAccountsUseCase.class)
    ReadAccountsUseCase accounts() {
        return mock(ReadAccountsUseCase.class);
    }

    @MockBean(ChangeAccountUseCase.class)
    ChangeAccountUseCase changeAccount() {
        return mock(ChangeAccountUseCase.class);
    }

    @MockBean(AdministerPartnersUseCase.class)
    AdministerPartnersUseCase partners() {
        return mock(AdministerPartnersUseCase.class);
    }

    @MockBean(dev.latchkey.application.port.in.AdministerWebhooksUseCase.class)
    dev.latchkey.application.port.in.AdministerWebhooksUseCase webhooks() {
        return mock(dev.latchkey.application.port.in.AdministerWebhooksUseCase.class);
    }

    @MockBean(AdministerClientsUseCase.class)
    AdministerClientsUseCase clients() {
        return mock(AdministerClientsUseCase.class);
    }

    @MockBean(ReadAuditTrailUseCase.class)
    ReadAuditTrailUseCase auditTrail() {
        return mock(ReadAuditTrailUseCase.class);
    }

    @MockBean(DeviceAuthorizationUseCase.class)
    DeviceAuthorizationUseCase devices() {
        return mock(DeviceAuthorizationUseCase.class);
    }

    @MockBean(AuthorizeUseCase.class)
    AuthorizeUseCase authorize() {
        return mock(AuthorizeUseCase.class);
    }

    @MockBean(AuthorizedApplicationsUseCase.class)
    AuthorizedApplicationsUseCase applications() {
        return mock(AuthorizedApplicationsUseCase.class);
    }

    @MockBean(LeakedTokensUseCase.class)
    LeakedTokensUseCase leakedTokens() {
        return mock(LeakedTokensUseCase.class);
    }

    @MockBean(Clock.class)
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @MockBean(RandomnessPort.class)
    RandomnessPort randomness() {
        return count -> {
            byte[] bytes = new byte[count];
            Arrays.fill(bytes, (byte) 7);
            return bytes;
        };
    }

    /** A keyed digest stands in for the service's HMAC: what matters here is that it is the same on each call. */
    @MockBean(SecretDerivationPort.class)
    SecretDerivationPort derivation() {
        return salt -> {
            try {
                return MessageDigest.getInstance("SHA-256").digest(salt);
            } catch (java.security.NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        };
    }

    /** What bootstrap configures; a record, so given rather than mocked. */
    @io.micronaut.context.annotation.Factory
    static class Configuration {
        @jakarta.inject.Singleton
        SessionTimeouts timeouts() {
            return new SessionTimeouts(Duration.ofMinutes(15), Duration.ofHours(8));
        }
    }

    @BeforeEach
    void aliceHasASession() {
        reset(authenticate, sessions, listTokens, issueToken, inspectToken, revokeToken, rotateToken, accounts,
                changeAccount, partners, clients, auditTrail, devices, authorize, applications, leakedTokens, webhooks);
        when(leakedTokens.noticesFor(any(), any())).thenReturn(new LeakedTokensUseCase.LeakNotices(List.of(),
                Map.of()));
        signedInAs(ALICE);
    }

    private void signedInAs(Caller caller) {
        when(sessions.resume(SESSION)).thenReturn(Optional.of(new SignInSessionsUseCase.Resumed(caller, NOW)));
    }

    // Signing in and out

    @Test
    void withoutASessionEveryPageSendsTheBrowserToSignIn() throws Exception {
        for (String path : List.of("/console", "/console/tokens", "/console/tokens/new", "/console/admin/accounts",
                "/console/admin/audit", "/console/tokens/" + UUID.randomUUID() + "/revoke")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(path).contains("/console/sign-in");
        }
        HttpResponse<String> post = post("/console/tokens", null, Map.of("description", "x"));
        assertThat(post.statusCode()).isEqualTo(303);
        verify(issueToken, never()).issue(any());
    }

    @Test
    void theSignInPageCarriesAFormTokenBoundToItsCookieAndNoFrameworkText() throws Exception {
        HttpResponse<String> page = get("/console/sign-in", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'"));
        String formToken = field(page.body());
        assertThat(cookie(page, "latchkey_console_sign_in")).contains(formToken);
        assertThat(page.body()).contains("<title>Sign in · Latchkey</title>", "autocomplete=\"current-password\"");
    }

    @Test
    void aSignInOpensASessionOnlyWithTheFormsOwnTokenAndTheRightPassword() throws Exception {
        when(authenticate.authenticate(any(AuthenticateUseCase.PasswordCredentials.class))).thenReturn(
                new AuthenticateUseCase.Outcome.Refused(AuthenticateUseCase.Reason.BAD_CREDENTIALS));
        when(authenticate.authenticate(new AuthenticateUseCase.PasswordCredentials("alice", "right", "127.0.0.1")))
                .thenReturn(new AuthenticateUseCase.Outcome.Authenticated(ALICE, "stamp"));
        when(sessions.start(ALICE, "stamp")).thenReturn(new SignInSessionsUseCase.Started("new-secret", ALICE,
                NOW.plusSeconds(900)));
        HttpResponse<String> form = get("/console/sign-in", null);
        String formToken = field(form.body());
        String signInCookie = "latchkey_console_sign_in=" + formToken;

        HttpResponse<String> withoutCookie = post("/console/sign-in", null, Map.of("signin", formToken,
                "username", "alice", "password", "right"));
        assertThat(withoutCookie.statusCode()).isEqualTo(403);
        assertThat(withoutCookie.body()).contains("The sign-in form had expired");

        HttpResponse<String> wrong = post("/console/sign-in", signInCookie, Map.of("signin", formToken,
                "username", "alice", "password", "wrong"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("value=\"alice\"").doesNotContain("wrong");

        HttpResponse<String> right = post("/console/sign-in", signInCookie, Map.of("signin", formToken,
                "username", "alice", "password", "right"));
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(right.headers().firstValue("Location")).contains("/console/tokens");
        assertThat(cookie(right, "latchkey_console")).contains("new-secret");
        assertThat(right.headers().allValues("Set-Cookie")).anySatisfy(header ->
                assertThat(header).startsWith("latchkey_console=new-secret").containsIgnoringCase("HttpOnly")
                        .contains("SameSite=Strict").contains("Path=/console"));
    }

    @Test
    void aLimitedSignInIsRefusedWithRetryAfter() throws Exception {
        when(authenticate.authenticate(any(AuthenticateUseCase.PasswordCredentials.class)))
                .thenThrow(new TooManyLoginAttemptsException(Duration.ofSeconds(30)));
        String formToken = field(get("/console/sign-in", null).body());

        HttpResponse<String> limited = post("/console/sign-in", "latchkey_console_sign_in=" + formToken,
                Map.of("signin", formToken, "username", "alice", "password", "guess"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("30");
        assertThat(limited.body()).contains("Too many failed sign-ins. Try again in 30 seconds.");
    }

    @Test
    void signingOutEndsTheSessionOnlyWithTheSessionsFormToken() throws Exception {
        HttpResponse<String> forged = post("/console/sign-out", sessionCookie(), Map.of("csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Nothing was changed.");
        verify(sessions, never()).end(any());

        HttpResponse<String> signedOut = post("/console/sign-out", sessionCookie(), Map.of("csrf", csrf()));
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location")).contains("/console/sign-in?done=signed-out");
        verify(sessions).end(SESSION);
    }

    // The caller's tokens

    @Test
    void theTokensPageEscapesEverythingAndOffersOnlyWhatTheCoreAllows() throws Exception {
        Token plain = token("<script>alert(1)</script>", Expiry.at(NOW.plus(Duration.ofDays(3))));
        Token retiring = withRevocation(token("deploy", Expiry.never()), new Revocation(NOW.plusSeconds(3600),
                RevocationReason.ROTATED));
        when(listTokens.list(any())).thenReturn(new ListTokensUseCase.TokenListing(List.of(
                new TokenDetails(plain, new TokenStatus.Active()), new TokenDetails(retiring,
                        new TokenStatus.Active())), 0, 50, 2));

        HttpResponse<String> page = get("/console/tokens", sessionCookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert")
                .contains("2 tokens", "expires within 7 days", "rotated out", "Signed in as <strong>alice</strong>")
                .doesNotContain("/console/admin/accounts");
        String retiringRow = rowOf(page.body(), retiring);
        assertThat(retiringRow).doesNotContain("/rotate\"").contains("/revoke\"", "until <time");
        assertThat(rowOf(page.body(), plain)).contains("/rotate\"", "/revoke\"");
    }

    @Test
    void aTokenFoundLeakedSaysSoInItsRowAndInABannerUntilTheOwnerDismissesIt() throws Exception {
        Token leaked = withRevocation(token("deploy <prod>", Expiry.never()), new Revocation(NOW.minusSeconds(60),
                RevocationReason.LEAKED));
        Token other = token("ci", Expiry.never());
        LeakNotice notice = new LeakNotice(leaked.id(), leaked.owner(), "commit",
                "https://github.com/acme/app/blob/1a2b/<script>.yml", NOW.minusSeconds(60), Optional.empty());
        when(listTokens.list(any())).thenReturn(new ListTokensUseCase.TokenListing(List.of(
                new TokenDetails(leaked, new TokenStatus.Revoked(leaked.revocation().orElseThrow())),
                new TokenDetails(other, new TokenStatus.Active())), 0, 50, 2));
        when(leakedTokens.noticesFor(ALICE, List.of(leaked.id(), other.id()))).thenReturn(
                new LeakedTokensUseCase.LeakNotices(List.of(new LeakedTokensUseCase.LeakedToken(notice,
                        leaked.description())), Map.of(leaked.id(), notice)));
        String session = sessionCookie();

        String page = get("/console/tokens", session).body();

        assertThat(rowOf(page, leaked)).contains("revoked: found leaked (commit)");
        assertThat(rowOf(page, other)).doesNotContain("leaked");
        assertThat(page).contains("A token of yours was found leaked, and revoked", "<strong>deploy &lt;prod&gt;</strong>",
                "found by commit", "https://github.com/acme/app/blob/1a2b/&lt;script&gt;.yml",
                "action=\"/console/tokens/leak-notices/dismiss\"").doesNotContain("<script>");

        assertThat(post("/console/tokens/leak-notices/dismiss", session, Map.of("csrf", "forged")).statusCode())
                .isEqualTo(403);
        verify(leakedTokens, never()).dismissNotices(any());
        HttpResponse<String> dismissed = post("/console/tokens/leak-notices/dismiss", session,
                Map.of("csrf", formTokens.forSession(SESSION)));
        assertThat(dismissed.statusCode()).isEqualTo(303);
        assertThat(dismissed.headers().firstValue("Location")).contains("/console/tokens?done=dismissed");
        verify(leakedTokens).dismissNotices(ALICE);

        when(leakedTokens.noticesFor(ALICE, List.of(leaked.id(), other.id()))).thenReturn(
                new LeakedTokensUseCase.LeakNotices(List.of(), Map.of(leaked.id(), notice)));
        String afterwards = get("/console/tokens?done=dismissed", session).body();
        assertThat(afterwards).contains("The notice is dismissed").doesNotContain("found by commit");
        assertThat(rowOf(afterwards, leaked)).contains("revoked: found leaked (commit)");
    }

    @Test
    void aBadFilterOrPageIsAPageInLatchkeysWords() throws Exception {
        for (String query : List.of("status=lost", "page=abc", "page=-1", "page=99999999999")) {
            HttpResponse<String> page = get("/console/tokens?" + query, sessionCookie());
            assertThat(page.statusCode()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("That filter or page is not one of the choices.")
                    .doesNotContain("Failed to convert");
        }
    }

    @Test
    void creatingATokenNeedsTheFormTokenAndShowsTheSecretOnce() throws Exception {
        when(issueToken.policyFor(ALICE)).thenReturn(policy(Duration.ofDays(365)));
        Token token = token("ci", Expiry.at(NOW.plus(Duration.ofDays(30))));
        String secret = TokenSecret.fromRandomBytes(new byte[32]).reveal();
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.Issued(token, secret));

        HttpResponse<String> forged = post("/console/tokens", sessionCookie(), Map.of("description", "ci",
                "lifetime", "30"));
        assertThat(forged.statusCode()).isEqualTo(403);
        verify(issueToken, never()).issue(any());

        HttpResponse<String> created = post("/console/tokens", sessionCookie(), Map.of("csrf", csrf(),
                "description", "ci", "lifetime", "30"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(created.body()).contains("value=\"" + secret + "\"", "Copy your token now",
                "expires <time datetime=\"2027-01-04T08:00:00Z\">2027-01-04 08:00 UTC</time>");
    }

    @Test
    void theCreationFormShowsWhatThePolicyRefusesInDaysAndBlamesNoOrganization() throws Exception {
        when(issueToken.policyFor(ALICE)).thenReturn(policy(Duration.ofDays(30)));
        when(issueToken.issue(any())).thenReturn(new IssueTokenUseCase.Outcome.PolicyViolated(
                new TokenPolicy.Violation(TokenPolicy.Rule.MAXIMUM_LIFETIME, "the lifetime must be at most 2592000 "
                        + "seconds")));

        HttpResponse<String> form = get("/console/tokens/new", sessionCookie());
        assertThat(form.body()).contains("60 days <span class=\"muted\">(not allowed: longer than the 30 days "
                + "allowed)</span>").doesNotContain("2592000");

        HttpResponse<String> refused = post("/console/tokens", sessionCookie(), Map.of("csrf", csrf(),
                "lifetime", "date", "date", "2027-06-01"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("The token policy that applies to you does not allow this token: "
                + "longer than the 30 days allowed.").doesNotContain("organization");
    }

    @Test
    void everyBadFieldOfTheCreationFormIsA400Page() throws Exception {
        when(issueToken.policyFor(ALICE)).thenReturn(policy(Duration.ofDays(365)));
        for (Map<String, String> fields : List.of(Map.of("lifetime", "45"), Map.of("lifetime", "date", "date",
                "+999999999-12-31"), Map.of("lifetime", "date", "date", "2020-01-01"), Map.of("lifetime", "30",
                "description", "x".repeat(201)), Map.of("lifetime", "30", "scopes", "bad\u0001scope"))) {
            Map<String, String> withToken = new LinkedHashMap<>(fields);
            withToken.put("csrf", csrf());
            HttpResponse<String> refused = post("/console/tokens", sessionCookie(), withToken);
            assertThat(refused.statusCode()).as("%s", fields).isEqualTo(400);
            assertThat(refused.body()).as("%s", fields).contains("class=\"notice error\"");
        }
        verify(issueToken, never()).issue(any());
    }

    @Test
    void anotherAccountsTokenIsNotFoundOnEveryTokenPage() throws Exception {
        when(inspectToken.inspect(any())).thenReturn(new InspectTokenUseCase.Outcome.NotFound(
                new TokenId(UUID.randomUUID())));
        when(revokeToken.revoke(any())).thenReturn(new RevokeTokenUseCase.Outcome.NotFound(
                new TokenId(UUID.randomUUID())));
        String id = UUID.randomUUID().toString();
        for (String path : List.of("/console/tokens/" + id + "/revoke", "/console/tokens/" + id + "/rotate",
                "/console/tokens/not-a-token-id/revoke")) {
            HttpResponse<String> page = get(path, sessionCookie());
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("You have no token with this id.");
        }
        assertThat(post("/console/tokens/" + id + "/revoke", sessionCookie(), Map.of("csrf", csrf()))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aRotationTheCoreRefusesSaysWhyAndAnUnofferedOverlapIsRefusedBeforeIt() throws Exception {
        String id = UUID.randomUUID().toString();
        when(rotateToken.rotate(any())).thenReturn(new RotateTokenUseCase.Outcome.NotRotatable(
                "the token is revoked or already rotated"));

        HttpResponse<String> unoffered = post("/console/tokens/" + id + "/rotate", sessionCookie(),
                Map.of("csrf", csrf(), "overlap", "17"));
        assertThat(unoffered.statusCode()).isEqualTo(400);
        verify(rotateToken, never()).rotate(any());

        HttpResponse<String> refused = post("/console/tokens/" + id + "/rotate", sessionCookie(),
                Map.of("csrf", csrf(), "overlap", "3600"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("The token was not rotated: the token is revoked or already rotated.");
    }

    @Test
    void aRotatedTokensPageSaysUntilWhenTheOldOneWorks() throws Exception {
        Token old = withRevocation(token("ci", Expiry.never()), new Revocation(NOW.plusSeconds(3600),
                RevocationReason.ROTATED));
        Token replacement = token("ci", Expiry.never());
        when(rotateToken.rotate(any())).thenReturn(new RotateTokenUseCase.Outcome.Rotated(new IssuedToken(
                replacement, "lk_replacement"), new TokenDetails(old, new TokenStatus.Active())));

        HttpResponse<String> rotated = post("/console/tokens/" + old.id() + "/rotate", sessionCookie(),
                Map.of("csrf", csrf(), "overlap", "3600"));

        assertThat(rotated.statusCode()).isEqualTo(201);
        assertThat(rotated.body()).contains("value=\"lk_replacement\"",
                "The old token keeps working until <time datetime=\"2026-12-05T09:00:00Z\">");
    }

    // The administrators' pages

    @Test
    void theAdministratorsPagesAreRefusedAsTheUseCasesRefuseThem() throws Exception {
        when(accounts.list(any())).thenThrow(new NotAnAdministratorException());
        when(partners.list(any())).thenThrow(new NotAnAdministratorException());
        when(clients.list(any())).thenThrow(new NotAnAdministratorException());
        when(auditTrail.read(any())).thenThrow(new NotAnAdministratorException());
        when(webhooks.list(any())).thenThrow(new NotAnAdministratorException());
        for (String page : List.of("accounts", "partners", "clients", "audit", "webhooks")) {
            HttpResponse<String> response = get("/console/admin/" + page, sessionCookie());
            assertThat(response.statusCode()).as(page).isEqualTo(403);
            assertThat(response.body()).as(page).contains("This page is for administrators.");
        }
    }

    @Test
    void theClientsPageSaysHowAConfidentialClientProvesWhoItIsAndWhetherItsTokensMustBeBound() throws Exception {
        signedInAs(ROOT);
        OAuthClient signer = new OAuthClient(ClientId.of("report-job"), "Report <job>", ClientType.CONFIDENTIAL,
                Optional.empty(), Optional.empty(), EnumSet.of(GrantType.AUTHORIZATION_CODE), Optional.empty(),
                dev.latchkey.domain.SignInSettings.none(), new dev.latchkey.domain.KeySettings(Optional.of(
                        dev.latchkey.domain.ClientKeys.Published.parse("https://keys.example/jwks")), true), true, NOW);
        when(clients.list(any())).thenReturn(List.of(CLI, signer));

        HttpResponse<String> page = get("/console/admin/clients", sessionCookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<code>private_key_jwt</code>", "DPoP-bound tokens only",
                "Report &lt;job&gt;").doesNotContain("Report <job>").doesNotContain("<code>none</code>");
    }

    @Test
    void theWebhooksPageListsEachEndpointWithItsNewestDeliveriesAndEscapesWhatAdministratorsTyped()
            throws Exception {
        signedInAs(ROOT);
        dev.latchkey.domain.WebhookEndpoint endpoint = new dev.latchkey.domain.WebhookEndpoint(
                new dev.latchkey.domain.WebhookEndpointId(UUID.randomUUID()),
                java.net.URI.create("https://hooks.example.com/latchkey"), "<script>SIEM</script>", Optional.empty(),
                java.util.Set.of("token.revoked", "*"), false, Optional.of("answered 410 Gone"), NOW);
        dev.latchkey.domain.WebhookMessage message = new dev.latchkey.domain.WebhookMessage(1, endpoint.id(),
                "msg_1", new dev.latchkey.domain.OutboundEvent("token.revoked", NOW, dev.latchkey.domain.Actor.system(),
                Optional.empty(), Optional.empty(), "reason=REQUESTED", 1), 2, Optional.of(NOW));
        when(webhooks.list(any())).thenReturn(List.of(endpoint));
        when(webhooks.deliveries(any(), any(), anyInt())).thenReturn(Optional.of(List.of(
                new dev.latchkey.application.port.out.WebhookDeliveryPort.Delivery(message, "FAILED", Optional.empty(),
                        List.of(new dev.latchkey.application.port.out.WebhookDeliveryPort.Attempt(NOW,
                                Optional.of(410), Duration.ofMillis(12), "gone"))))));

        HttpResponse<String> page = get("/console/admin/webhooks", sessionCookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<code>https://hooks.example.com/latchkey</code>",
                "&lt;script&gt;SIEM&lt;/script&gt;", "disabled</span>: answered 410 Gone", "Events: *, token.revoked",
                "<caption>Newest 1 delivery</caption>", "<code>token.revoked</code>",
                "<span class=\"status revoked\">failed</span>", "<td data-label=\"Last answer\">410</td>")
                .doesNotContain("<script>SIEM");
    }

    @Test
    void theAccountsAndPartnersPagesCountInWordsAndEscapeNames() throws Exception {
        signedInAs(ROOT);
        Account mallory = Account.create(new AccountId(UUID.randomUUID()), Username.of("mallory"),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER, NOW);
        when(accounts.list(any())).thenReturn(new ReadAccountsUseCase.AccountPage(List.of(mallory), 0, 100, 1));
        when(partners.list(any())).thenReturn(new AdministerPartnersUseCase.Outcome.Listed(List.of(
                new Partner(PartnerId.of(7), "<b>Acme</b>", false, NOW))));

        HttpResponse<String> accountsPage = get("/console/admin/accounts", sessionCookie());
        assertThat(accountsPage.body()).contains("<caption>1 account</caption>",
                "/console/admin/accounts/mallory/disable", "(administrator)");

        HttpResponse<String> partnersPage = get("/console/admin/partners", sessionCookie());
        assertThat(partnersPage.body()).contains("<caption>1 partner</caption>", "&lt;b&gt;Acme&lt;/b&gt;",
                "/console/admin/partners/7/sign").doesNotContain("1 partners");
    }

    @Test
    void anUnknownConsolePageIsAPageNotAProblem() throws Exception {
        HttpResponse<String> missing = get("/console/no-such-page", sessionCookie());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(missing.body()).contains("There is no console page at this address.")
                .doesNotContain("Page Not Found");
    }

    @Test
    void theRootAndTheIconLeadToTheConsole() throws Exception {
        HttpResponse<String> root = get("/", null);
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).contains("/console");

        HttpResponse<String> icon = get("/favicon.ico", null);
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).contains("image/svg+xml");
    }

    // Helpers

    private static TokenPolicy policy(Duration maximum) {
        return new TokenPolicy(Lifetime.of(Duration.ofDays(30).compareTo(maximum) > 0 ? maximum
                : Duration.ofDays(30)), maximum, Set.of(Role.ADMIN), Optional.empty(), Optional.empty());
    }

    private static Token token(String description, Expiry expiry) {
        return Token.issue(TokenAttributes.personal(new TokenId(UUID.randomUUID()), ALICE.accountId(),
                TokenDescription.of(description), Scopes.of("read"), expiry), NOW.minus(Duration.ofDays(1)),
                TokenSecret.fromRandomBytes(new byte[32]).hash()).token();
    }

    private static Token withRevocation(Token token, Revocation revocation) {
        return Token.restore(token.attributes(), token.createdAt(), token.secretHash(),
                token.lastUsedAt().orElse(null), revocation, token.consumedAt().orElse(null));
    }

    private static String rowOf(String html, Token token) {
        int start = html.indexOf("data-token-id=\"" + token.id() + "\"");
        assertThat(start).as("the row of %s", token.id()).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private String csrf() {
        return formTokens.forSession(SESSION);
    }

    private static String sessionCookie() {
        return "latchkey_console=" + SESSION;
    }

    // Approving a device

    private static final OAuthClient CLI = new OAuthClient(ClientId.of("cli"), "Acme <CLI>", ClientType.PUBLIC,
            Optional.empty(), EnumSet.of(GrantType.DEVICE_CODE), Optional.empty(), true, NOW);

    @Test
    void theDevicePageAsksForTheCodeThenNamesTheClientAndItsScopesBeforeAnyDecision() throws Exception {
        when(devices.find(ALICE.accountId(), "wdjb-mjht", "127.0.0.1"))
                .thenReturn(new DeviceAuthorizationUseCase.Lookup.Pending(CLI, Scopes.of("read")));
        when(devices.find(ALICE.accountId(), "BCDF-GHJK", "127.0.0.1"))
                .thenReturn(new DeviceAuthorizationUseCase.Lookup.NotFound());

        HttpResponse<String> form = get("/console/device?user_code=WDJB-MJHT", sessionCookie());
        HttpResponse<String> pending = post("/console/device", sessionCookie(), Map.of("csrf", csrf(),
                "user_code", "wdjb-mjht"));
        HttpResponse<String> wrong = post("/console/device", sessionCookie(), Map.of("csrf", csrf(),
                "user_code", "BCDF-GHJK"));

        assertThat(form.body()).contains("value=\"WDJB-MJHT\"").contains("action=\"/console/device\"");
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.body()).contains("Acme &lt;CLI&gt;").contains("<code>read</code>")
                .contains("value=\"WDJB-MJHT\"").contains("value=\"approve\"").contains("value=\"deny\"");
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).contains("not right");
        verify(devices, never()).decide(any(), any(), any(Boolean.class));
    }

    @Test
    void aDecisionNeedsTheSessionsFormTokenAndSaysWhatItDid() throws Exception {
        when(devices.decide(ALICE.accountId(), "WDJB-MJHT", true))
                .thenReturn(new DeviceAuthorizationUseCase.Decided.Approved(CLI));
        when(devices.decide(ALICE.accountId(), "WDJB-MJHT", false))
                .thenReturn(new DeviceAuthorizationUseCase.Decided.NotFound());

        HttpResponse<String> forged = post("/console/device/decision", sessionCookie(), Map.of("csrf", "forged",
                "user_code", "WDJB-MJHT", "decision", "approve"));
        verify(devices, never()).decide(any(), any(), any(Boolean.class));
        HttpResponse<String> approved = post("/console/device/decision", sessionCookie(), Map.of("csrf", csrf(),
                "user_code", "WDJB-MJHT", "decision", "approve"));
        HttpResponse<String> late = post("/console/device/decision", sessionCookie(), Map.of("csrf", csrf(),
                "user_code", "WDJB-MJHT", "decision", "deny"));
        HttpResponse<String> undecided = post("/console/device/decision", sessionCookie(), Map.of("csrf", csrf(),
                "user_code", "WDJB-MJHT", "decision", "maybe"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(approved.body()).contains("Device connected").contains("Acme &lt;CLI&gt;");
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(undecided.statusCode()).isEqualTo(400);
    }

    @Test
    void tooManyWrongCodesAreRefusedWithRetryAfterAndWithoutASessionTheDevicePageSignsInFirst() throws Exception {
        when(devices.find(any(), any(), any())).thenThrow(new TooManyLoginAttemptsException(Duration.ofSeconds(30)));

        HttpResponse<String> limited = post("/console/device", sessionCookie(), Map.of("csrf", csrf(),
                "user_code", "BCDF-GHJK"));
        HttpResponse<String> anonymous = get("/console/device?user_code=WDJB-MJHT", null);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("30");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location"))
                .contains("/console/sign-in?return=%2Fconsole%2Fdevice%3Fuser_code%3DWDJB-MJHT");
    }

    // The authorization endpoint and its console side

    private static final OAuthClient WEB_APP = new OAuthClient(ClientId.of("web-app"), "Web <App>",
            ClientType.PUBLIC, Optional.empty(), EnumSet.of(GrantType.AUTHORIZATION_CODE), Optional.empty(), true,
            NOW);
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final String REQUEST = "client_id=web-app&response_type=code&redirect_uri="
            + "https%3A%2F%2Fapp.example%2Fcb&scope=read+write&state=s+1&code_challenge=" + CHALLENGE
            + "&code_challenge_method=S256";
    private static final AuthorizationParameters PARAMETERS = new AuthorizationParameters(Optional.of("web-app"),
            Optional.of("code"), Optional.of("https://app.example/cb"), Optional.of("read write"),
            Optional.of("s 1"), Optional.of(CHALLENGE), Optional.of("S256"), Optional.empty(), Optional.empty());
    private static final Check.Sound SOUND = new Check.Sound(new AuthorizationRequest(WEB_APP.id(),
            "https://app.example/cb", true, Scopes.of("read", "write"), Optional.of("s 1"),
            CodeChallenge.of(CHALLENGE, "S256"), Set.of()), WEB_APP, Optional.empty());

    @Test
    void theAuthorizationEndpointShowsAnUntrustedRequestOnAPageAndSendsEverythingElseOn() throws Exception {
        when(authorize.check(any())).thenReturn(new Check.Unsafe("The redirect_uri is not one the client "
                + "registered."));
        HttpResponse<String> unsafe = get("/oauth2/authorize?client_id=web-app&redirect_uri=https%3A%2F%2Fevil"
                + ".example%2F", null);
        assertThat(unsafe.statusCode()).isEqualTo(400);
        assertThat(unsafe.headers().firstValue("Location")).isEmpty();
        assertThat(unsafe.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(unsafe.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("form-action 'self';"));
        assertThat(unsafe.body()).contains("The redirect_uri is not one the client registered.",
                "Nothing was sent back to the application");

        when(authorize.check(any())).thenReturn(new Check.Refused(new ErrorRedirect("https://app.example/cb?x=1",
                "invalid_request", "code_challenge_method must be S256.", Optional.of("s 1"))));
        HttpResponse<String> refused = get("/oauth2/authorize?" + REQUEST + "&code_challenge_method=plain", null);
        assertThat(refused.statusCode()).as("a parameter sent twice").isEqualTo(400);
        refused = get("/oauth2/authorize?" + REQUEST.replace("S256", "plain"), null);
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(refused.headers().firstValue("Location")).contains("https://app.example/cb?x=1"
                + "&error=invalid_request&error_description=code_challenge_method+must+be+S256.&state=s+1&iss="
                + URLEncoder.encode(server.getURL().toString(), StandardCharsets.UTF_8));

        when(authorize.check(PARAMETERS)).thenReturn(SOUND);
        HttpResponse<String> sound = get("/oauth2/authorize?unknown=ignored&" + REQUEST, null);
        assertThat(sound.statusCode()).isEqualTo(303);
        assertThat(sound.headers().firstValue("Location")).contains("/console/authorize?" + REQUEST);
        assertThat(sound.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void theConsoleSideComesBackFromThisSiteOnceThenSignsInThenAsksConsentUnderAPolicyAdmittingTheRedirect()
            throws Exception {
        when(authorize.check(PARAMETERS)).thenReturn(SOUND);
        when(authorize.decide(eq(SOUND), eq(Optional.empty()), anyBoolean())).thenReturn(new Decision.SignIn());
        when(authorize.decide(eq(SOUND), eq(Optional.of(ALICE.accountId())), anyBoolean())).thenReturn(
                new Decision.AskConsent(WEB_APP, Scopes.of("read", "write"), Optional.of(Scopes.of("read"))));

        HttpResponse<String> arriving = get("/console/authorize?" + REQUEST, null);
        assertThat(arriving.statusCode()).isEqualTo(200);
        assertThat(arriving.body()).contains("<meta http-equiv=\"refresh\" content=\"0; url=/console/authorize?"
                + REQUEST.replace("&", "&amp;") + "&amp;continued=1\">");
        verify(authorize, never()).decide(any(), any(), anyBoolean());

        HttpResponse<String> signIn = get("/console/authorize?" + REQUEST + "&continued=1", null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("name=\"return\" value=\"/console/authorize?"
                + REQUEST.replace("&", "&amp;") + "&amp;continued=1&amp;signed_in_after=" + NOW.getEpochSecond());
        assertThat(cookie(signIn, "latchkey_console_sign_in")).isPresent();
        assertThat(signIn.body()).as("the person knows which application they sign in for")
                .contains("continue to <strong>Web &lt;App&gt;</strong>");

        HttpResponse<String> consent = get("/console/authorize?" + REQUEST + "&continued=1&signed_in_after="
                + NOW.getEpochSecond(), "latchkey_console=" + SESSION);
        assertThat(consent.statusCode()).isEqualTo(200);
        verify(authorize).decide(SOUND, Optional.of(ALICE.accountId()), true);
        assertThat(consent.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("form-action 'self' https://app.example;").doesNotContain("*"));
        assertThat(consent.body()).contains("Web &lt;App&gt;", "<code>read</code>", "<code>write</code>",
                "It now also asks for more.", "app.example", "name=\"request\" value=\""
                        + REQUEST.replace("&", "&amp;") + "\"", formTokens.forSession(SESSION));

        get("/console/authorize?" + REQUEST + "&signed_in_after=" + NOW.plusSeconds(1).getEpochSecond(),
                "latchkey_console=" + SESSION);
        verify(authorize).decide(SOUND, Optional.of(ALICE.accountId()), false);
    }

    @Test
    void theConsentAnswerNeedsTheSessionsFormTokenAndGoesBackWithTheCodeOrTheRefusalAndIss() throws Exception {
        when(authorize.check(PARAMETERS)).thenReturn(SOUND);
        when(authorize.answer(SOUND, ALICE.accountId(), true)).thenReturn(new Decision.Code(
                "https://app.example/cb", "lka_code", Optional.of("s 1")));
        when(authorize.answer(SOUND, ALICE.accountId(), false)).thenReturn(new Decision.Refused(new ErrorRedirect(
                "https://app.example/cb", "access_denied", "The person denied the request.", Optional.of("s 1"))));
        String session = "latchkey_console=" + SESSION;
        String iss = URLEncoder.encode(server.getURL().toString(), StandardCharsets.UTF_8);

        HttpResponse<String> forged = post("/console/authorize", session, Map.of("request", REQUEST,
                "decision", "allow", "csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        verify(authorize, never()).answer(any(), any(), anyBoolean());

        HttpResponse<String> allowed = post("/console/authorize", session, Map.of("request", REQUEST,
                "decision", "allow", "csrf", formTokens.forSession(SESSION)));
        assertThat(allowed.statusCode()).isEqualTo(303);
        assertThat(allowed.headers().firstValue("Location")).contains("https://app.example/cb?code=lka_code&state=s+1"
                + "&iss=" + iss);

        HttpResponse<String> denied = post("/console/authorize", session, Map.of("request", REQUEST,
                "decision", "deny", "csrf", formTokens.forSession(SESSION)));
        assertThat(denied.headers().firstValue("Location")).contains("https://app.example/cb?error=access_denied"
                + "&error_description=The+person+denied+the+request.&state=s+1&iss=" + iss);

        HttpResponse<String> neither = post("/console/authorize", session, Map.of("request", REQUEST,
                "decision", "later", "csrf", formTokens.forSession(SESSION)));
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void authorizedApplicationsAreListedAndRevokedOnlyWithTheSessionsFormToken() throws Exception {
        when(applications.list(ALICE)).thenReturn(List.of(new AuthorizedApplicationsUseCase.AuthorizedApplication(
                WEB_APP, Scopes.of("read"), NOW.minusSeconds(3600), Optional.of(NOW.minusSeconds(60)))));
        when(applications.revoke(ALICE, WEB_APP.id())).thenReturn(true);
        String session = "latchkey_console=" + SESSION;

        HttpResponse<String> page = get("/console/applications", session);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Web &lt;App&gt;", "<code>web-app</code>", "<code>read</code>",
                "2026-12-05 07:00 UTC", "2026-12-05 07:59 UTC", "Revoke access");

        assertThat(post("/console/applications/revoke", session, Map.of("client_id", "web-app", "csrf", "forged"))
                .statusCode()).isEqualTo(403);
        verify(applications, never()).revoke(any(), any());
        HttpResponse<String> revoked = post("/console/applications/revoke", session, Map.of("client_id", "web-app",
                "csrf", formTokens.forSession(SESSION)));
        assertThat(revoked.headers().firstValue("Location")).contains("/console/applications?done=revoked");
        assertThat(get("/console/applications?done=revoked", session).body()).contains("access was revoked");
        HttpResponse<String> unknown = post("/console/applications/revoke", session, Map.of("client_id", "not valid!",
                "csrf", formTokens.forSession(SESSION)));
        assertThat(unknown.headers().firstValue("Location")).contains("/console/applications?done=gone");
        assertThat(get("/console/applications", null).statusCode()).isEqualTo(303);
    }

    @Test
    void signInReturnsOnlyToAConsolePage() {
        assertThat(ConsoleSignInController.consolePath("/console/device?user_code=WDJB-MJHT"))
                .isEqualTo("/console/device?user_code=WDJB-MJHT");
        for (String elsewhere : List.of("//evil.example/console/", "/console//evil.example", "https://evil.example",
                "/console/\\evil", "/oauth2/token", "/console/a b", "javascript:alert(1)", "/console/x:y")) {
            assertThat(ConsoleSignInController.consolePath(elsewhere)).as(elsewhere).isEmpty();
        }
        assertThat(ConsoleSignInController.consolePath(null)).isEmpty();
    }

    private static String field(String html) {
        Matcher matcher = SIGN_IN_FIELD.matcher(html);
        assertThat(matcher.find()).as("a sign-in form token in %s", html).isTrue();
        return matcher.group(1);
    }

    private static Optional<String> cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(header -> header.startsWith(name + "="))
                .map(header -> header.substring(name.length() + 1, header.indexOf(';') < 0 ? header.length()
                        : header.indexOf(';'))).findFirst();
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> fields)
            throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
