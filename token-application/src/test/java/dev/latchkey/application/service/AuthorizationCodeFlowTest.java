package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.in.AuthorizeUseCase;
import dev.latchkey.application.port.in.AuthorizeUseCase.AuthorizationParameters;
import dev.latchkey.application.port.in.AuthorizeUseCase.Check;
import dev.latchkey.application.port.in.AuthorizeUseCase.Decision;
import dev.latchkey.application.port.in.AuthorizedApplicationsUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase.CodeGrant;
import dev.latchkey.application.port.in.GrantTokensUseCase.Outcome;
import dev.latchkey.application.port.in.PushAuthorizationRequestUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase.RegisterClientCommand;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.CodeChallenge;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SignInSettings;
import dev.latchkey.domain.Token;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The authorization code grant at the use-case level: check, sign-in, consent, code, redemption, replay. */
class AuthorizationCodeFlowTest {

    private static final GrantPolicy POLICY = GrantPolicy.standard(Lifetime.of(Duration.ofMinutes(5)),
            Lifetime.of(Duration.ofDays(30)), Duration.ofSeconds(2), GrantPolicy.AccessTokenFormat.OPAQUE);
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = CodeChallenge.answeredBy(VERIFIER).value();
    private static final String CALLBACK = "https://app.example/callback";

    private final ServiceFixture fixture = new ServiceFixture();
    private final Caller root = ServiceFixture.byPassword(fixture.account("root", "root-password", Role.ADMIN));
    private final Account alice = fixture.account("alice", "alice-password");
    private final AuthorizeUseCase authorize = fixture.services.authorize();
    private final GrantTokensUseCase grants = fixture.services.grantTokens(POLICY);
    private final OAuthClient app = register("app", ClientType.CONFIDENTIAL, List.of(CALLBACK), false, false);

    private OAuthClient register(String name, ClientType type, List<String> redirects, boolean pushedOnly,
                                 boolean firstParty) {
        return ((RegisterClientUseCase.Outcome.Registered) fixture.services.registerClient().register(
                new RegisterClientCommand(root, name, type, Optional.empty(), Optional.of(Scopes.of("read", "write")),
                        new SignInSettings(redirects.stream().map(RedirectUri::parse).toList(), pushedOnly,
                                firstParty), KeySettings.none()))).client();
    }

    private static AuthorizationParameters parameters(OAuthClient client, String redirect, String scope,
                                                      String prompt) {
        return new AuthorizationParameters(Optional.of(client.id().value()), Optional.of("code"),
                Optional.ofNullable(redirect), Optional.ofNullable(scope), Optional.of("xyz"), Optional.of(CHALLENGE),
                Optional.of("S256"), Optional.ofNullable(prompt), Optional.empty());
    }

    private Check.Sound sound(AuthorizationParameters parameters) {
        return (Check.Sound) authorize.check(parameters);
    }

    private Decision.Code consentedCode(OAuthClient client, String scope) {
        Check.Sound request = sound(parameters(client, CALLBACK, scope, null));
        assertThat(authorize.decide(request, Optional.of(alice.id()), false)).isInstanceOf(Decision.AskConsent.class);
        return (Decision.Code) authorize.answer(request, alice.id(), true);
    }

    private Outcome redeem(Decision.Code code, OAuthClient client, String verifier) {
        return grants.grant(new CodeGrant(code.code(), Optional.of(CALLBACK), verifier, client));
    }

    @Test
    void aPersonSignsInConsentsOnceAndTheClientRedeemsTheCodeForAPair() {
        Check.Sound request = sound(parameters(app, CALLBACK, "read", null));

        assertThat(authorize.decide(request, Optional.empty(), false)).isInstanceOf(Decision.SignIn.class);
        assertThat(authorize.decide(request, Optional.of(alice.id()), true))
                .isEqualTo(new Decision.AskConsent(app, Scopes.of("read"), Optional.empty()));
        Decision.Code code = (Decision.Code) authorize.answer(request, alice.id(), true);
        Outcome.Granted granted = (Outcome.Granted) redeem(code, app, VERIFIER);

        assertThat(code.redirectUri()).isEqualTo(CALLBACK);
        assertThat(code.state()).contains("xyz");
        assertThat(granted.access().token().owner()).isEqualTo(alice.id());
        assertThat(granted.access().token().client()).contains(app.id());
        assertThat(granted.access().token().scopes()).isEqualTo(Scopes.of("read"));
        assertThat(granted.refresh()).isPresent();
        assertThat(fixture.events.recordedTypes()).contains(AuditEventType.CONSENT_GIVEN);
        assertThat(authorize.decide(sound(parameters(app, CALLBACK, "read", null)), Optional.of(alice.id()), false))
                .as("consent is remembered").isInstanceOf(Decision.Code.class);
        assertThat(authorize.decide(sound(parameters(app, CALLBACK, "read write", null)), Optional.of(alice.id()),
                false)).as("a wider request asks again, naming what was allowed before")
                .isEqualTo(new Decision.AskConsent(app, Scopes.of("read", "write"), Optional.of(Scopes.of("read"))));
    }

    @Test
    void aCodeBoundToAKeyByDpopJktIsRedeemedOnlyWithAProofByThatKeyAndItsTokensAreBound() {
        KeyThumbprint key = KeyThumbprint.of("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        AuthorizationParameters bound = new AuthorizationParameters(Optional.of(app.id().value()),
                Optional.of("code"), Optional.of(CALLBACK), Optional.of("read"), Optional.of("xyz"),
                Optional.of(CHALLENGE), Optional.of("S256"), Optional.empty(), Optional.empty(),
                Optional.of(key.value()));
        Check.Sound request = sound(bound);
        authorize.decide(request, Optional.of(alice.id()), false);
        Decision.Code code = (Decision.Code) authorize.answer(request, alice.id(), true);
        CodeGrant redemption = new CodeGrant(code.code(), Optional.of(CALLBACK), VERIFIER, app);

        assertThat(grants.grant(redemption)).isInstanceOfSatisfying(Outcome.InvalidGrant.class, refused ->
                assertThat(refused.reason()).contains("dpop_jkt"));
        assertThat(grants.boundTo(KeyThumbprint.of("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"), false)
                .grant(redemption)).isInstanceOf(Outcome.InvalidGrant.class);
        Outcome.Granted granted = (Outcome.Granted) grants.boundTo(key, false).grant(redemption);
        assertThat(granted.access().token().proofKey()).contains(key);

        AuthorizationParameters malformed = new AuthorizationParameters(Optional.of(app.id().value()),
                Optional.of("code"), Optional.of(CALLBACK), Optional.of("read"), Optional.of("xyz"),
                Optional.of(CHALLENGE), Optional.of("S256"), Optional.empty(), Optional.empty(),
                Optional.of("not-a-thumbprint"));
        assertThat(authorize.check(malformed)).isInstanceOfSatisfying(Check.Refused.class, refused ->
                assertThat(refused.redirect().description()).startsWith("dpop_jkt"));
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesEveryTokenItGot() {
        Decision.Code code = consentedCode(app, "read");
        Outcome.Granted granted = (Outcome.Granted) redeem(code, app, VERIFIER);

        Outcome replay = redeem(code, app, VERIFIER);

        assertThat(replay).isInstanceOf(Outcome.InvalidGrant.class);
        for (Token token : List.of(granted.access().token(), granted.refresh().orElseThrow().token())) {
            assertThat(fixture.tokens.loadById(token.id()).orElseThrow().revocation().orElseThrow().reason())
                    .isEqualTo(RevocationReason.CODE_REPLAYED);
        }
        assertThat(fixture.events.recordedTypes()).contains(AuditEventType.AUTHORIZATION_CODE_REPLAYED);
    }

    @Test
    void aWrongVerifierAnotherClientOrAnotherRedirectGetsNothingAndTheCodeStaysRedeemable() {
        OAuthClient other = register("other", ClientType.CONFIDENTIAL, List.of(CALLBACK), false, false);
        Decision.Code code = consentedCode(app, "read");

        assertThat(redeem(code, app, VERIFIER.replace('d', 'e'))).isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(redeem(code, other, VERIFIER)).isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(grants.grant(new CodeGrant(code.code(), Optional.of(CALLBACK + "/"), VERIFIER, app)))
                .isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(grants.grant(new CodeGrant("lka_forged", Optional.of(CALLBACK), VERIFIER, app)))
                .isInstanceOf(Outcome.InvalidGrant.class);
        assertThat(redeem(code, app, VERIFIER)).isInstanceOf(Outcome.Granted.class);
    }

    @Test
    void aCodeRedeemedAfterAMinuteIsRefused() {
        Decision.Code code = consentedCode(app, "read");
        fixture.clock.advance(Duration.ofSeconds(60));

        assertThat(redeem(code, app, VERIFIER)).isInstanceOfSatisfying(Outcome.InvalidGrant.class,
                refused -> assertThat(refused.reason()).contains("expired"));
    }

    @Test
    void anUntrustworthyClientOrRedirectIsNeverRedirectedToAndEverythingElseIs() {
        assertThat(authorize.check(new AuthorizationParameters(Optional.of("nobody"), Optional.of("code"),
                Optional.of(CALLBACK), Optional.empty(), Optional.empty(), Optional.of(CHALLENGE),
                Optional.of("S256"), Optional.empty(), Optional.empty()))).isInstanceOf(Check.Unsafe.class);
        assertThat(authorize.check(parameters(app, CALLBACK + "x", null, null))).isInstanceOf(Check.Unsafe.class);
        assertThat(authorize.check(new AuthorizationParameters(Optional.of(app.id().value()), Optional.of("code"),
                Optional.of(CALLBACK), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()))).isInstanceOfSatisfying(Check.Refused.class,
                refused -> assertThat(refused.redirect().error()).isEqualTo("invalid_request"));
        assertThat(authorize.check(new AuthorizationParameters(Optional.of(app.id().value()), Optional.of("code"),
                Optional.of(CALLBACK), Optional.empty(), Optional.of("s"), Optional.of(VERIFIER),
                Optional.of("plain"), Optional.empty(), Optional.empty()))).isInstanceOfSatisfying(
                Check.Refused.class, refused -> {
                    assertThat(refused.redirect().error()).isEqualTo("invalid_request");
                    assertThat(refused.redirect().state()).contains("s");
                });
        assertThat(authorize.check(new AuthorizationParameters(Optional.of(app.id().value()), Optional.of("token"),
                Optional.of(CALLBACK), Optional.empty(), Optional.empty(), Optional.of(CHALLENGE),
                Optional.of("S256"), Optional.empty(), Optional.empty()))).isInstanceOfSatisfying(
                Check.Refused.class, refused -> assertThat(refused.redirect().error())
                        .isEqualTo("unsupported_response_type"));
        assertThat(authorize.check(parameters(app, CALLBACK, "admin", null))).isInstanceOfSatisfying(
                Check.Refused.class, refused -> assertThat(refused.redirect().error()).isEqualTo("invalid_scope"));
    }

    @Test
    void promptNoneNeverAsksAndPromptLoginAndConsentAlwaysDo() {
        Check.Sound none = sound(parameters(app, CALLBACK, "read", "none"));

        assertThat(authorize.decide(none, Optional.empty(), false)).isInstanceOfSatisfying(Decision.Refused.class,
                refused -> assertThat(refused.redirect().error()).isEqualTo("login_required"));
        assertThat(authorize.decide(none, Optional.of(alice.id()), false)).isInstanceOfSatisfying(
                Decision.Refused.class, refused -> assertThat(refused.redirect().error()).isEqualTo("consent_required"));
        consentedCode(app, "read");
        assertThat(authorize.decide(none, Optional.of(alice.id()), false)).isInstanceOf(Decision.Code.class);
        assertThat(authorize.decide(sound(parameters(app, CALLBACK, "read", "login")), Optional.of(alice.id()), false))
                .isInstanceOf(Decision.SignIn.class);
        assertThat(authorize.decide(sound(parameters(app, CALLBACK, "read", "login")), Optional.of(alice.id()), true))
                .isInstanceOf(Decision.Code.class);
        assertThat(authorize.decide(sound(parameters(app, CALLBACK, "read", "consent")), Optional.of(alice.id()),
                false)).isInstanceOf(Decision.AskConsent.class);
    }

    @Test
    void aDeniedConsentGoesBackAsAccessDeniedAndAFirstPartyClientAsksNone() {
        Check.Sound request = sound(parameters(app, CALLBACK, "read", null));
        OAuthClient firstParty = register("console", ClientType.PUBLIC, List.of(CALLBACK), false, true);

        assertThat(authorize.answer(request, alice.id(), false)).isInstanceOfSatisfying(Decision.Refused.class,
                refused -> assertThat(refused.redirect().error()).isEqualTo("access_denied"));
        assertThat(authorize.decide(sound(parameters(firstParty, CALLBACK, "read", null)), Optional.of(alice.id()),
                false)).isInstanceOf(Decision.Code.class);
    }

    @Test
    void aPushedRequestIsTheOnlySourceOfItsParametersAndCompletesOneAuthorization() {
        OAuthClient strict = register("strict", ClientType.CONFIDENTIAL, List.of(CALLBACK), true, false);
        PushAuthorizationRequestUseCase push = fixture.services.pushAuthorizationRequest();

        assertThat(authorize.check(parameters(strict, CALLBACK, "read", null))).as("must push")
                .isInstanceOf(Check.Refused.class);
        PushAuthorizationRequestUseCase.Outcome.Pushed pushed = (PushAuthorizationRequestUseCase.Outcome.Pushed)
                push.push(strict, parameters(strict, CALLBACK, "read", null));
        AuthorizationParameters byReference = new AuthorizationParameters(Optional.of(strict.id().value()),
                Optional.empty(), Optional.of("https://evil.example/cb"), Optional.of("write"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(pushed.requestUri()));
        Check.Sound request = sound(byReference);

        assertThat(request.request().redirectUri()).isEqualTo(CALLBACK);
        assertThat(request.request().scopes()).isEqualTo(Scopes.of("read"));
        assertThat(authorize.answer(request, alice.id(), true)).isInstanceOf(Decision.Code.class);
        assertThat(authorize.check(byReference)).as("used once").isInstanceOf(Check.Unsafe.class);
        assertThat(authorize.check(new AuthorizationParameters(Optional.of(app.id().value()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(pushed.requestUri())))).as("another client's").isInstanceOf(
                Check.Unsafe.class);
        assertThat(push.push(strict, new AuthorizationParameters(Optional.of(app.id().value()), Optional.of("code"),
                Optional.of(CALLBACK), Optional.empty(), Optional.empty(), Optional.of(CHALLENGE),
                Optional.of("S256"), Optional.empty(), Optional.empty())))
                .isInstanceOf(PushAuthorizationRequestUseCase.Outcome.Refused.class);
    }

    @Test
    void withdrawingAnApplicationsAccessRevokesItsTokensAndAsksForConsentAgain() {
        Outcome.Granted granted = (Outcome.Granted) redeem(consentedCode(app, "read"), app, VERIFIER);
        AuthorizedApplicationsUseCase applications = fixture.services.authorizedApplications();
        Caller asAlice = ServiceFixture.byPassword(alice);

        assertThat(applications.list(asAlice)).singleElement().satisfies(application -> {
            assertThat(application.client().id()).isEqualTo(app.id());
            assertThat(application.scopes()).isEqualTo(Scopes.of("read"));
        });
        assertThat(applications.revoke(asAlice, app.id())).isTrue();

        assertThat(fixture.tokens.loadById(granted.refresh().orElseThrow().token().id()).orElseThrow().revocation()
                .orElseThrow().reason()).isEqualTo(RevocationReason.CONSENT_WITHDRAWN);
        assertThat(applications.list(asAlice)).isEmpty();
        assertThat(applications.revoke(asAlice, app.id())).isFalse();
        assertThat(authorize.decide(sound(parameters(app, CALLBACK, "read", null)), Optional.of(alice.id()), false))
                .isInstanceOf(Decision.AskConsent.class);
        assertThat(fixture.events.recordedTypes()).contains(AuditEventType.CONSENT_WITHDRAWN);
    }

    @Test
    void newClientsGetTheCodeGrantAndRefreshAndThePasswordGrantOnlyWhenAskedFor() {
        assertThat(app.grantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                GrantType.CLIENT_CREDENTIALS);
        OAuthClient cli = register("cli", ClientType.PUBLIC, List.of("http://127.0.0.1/cb"), false, false);
        assertThat(cli.grantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
        assertThat(cli.mayUse(GrantType.PASSWORD)).isFalse();
        assertThat(EnumSet.copyOf(OAuthClient.defaultGrantTypes(ClientType.CONFIDENTIAL, false)))
                .doesNotContain(GrantType.PASSWORD, GrantType.CLIENT_CREDENTIALS);
    }
}
