package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization code grant with PKCE end to end, and pushed requests: the Nimbus OAuth 2.0 SDK plays the client
 * (it builds each request, parses each response, and redeems the code), and the console, driven as a browser without
 * script drives it, plays the person, who signs in and answers the consent page. The person's password only ever
 * reaches Latchkey's own sign-in form. Each refusal the flow knows is one test.
 */
abstract class AuthorizationCodeFlowScenario extends ServiceOnTestDatabase {

    private static final Pattern META_REFRESH = Pattern.compile("http-equiv=\"refresh\" content=\"0; url=([^\"]+)\"");
    private static final Pattern FIELD = Pattern.compile("name=\"(signin|csrf|return|request)\" value=\"([^\"]*)\"");

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private AuthorizationServerMetadata metadata;
    private JsonMapper json;

    @BeforeAll
    void readTheMetadata() throws Exception {
        metadata = AuthorizationServerMetadata.resolve(new Issuer(node().url()));
        json = node().context().getBean(JsonMapper.class);
    }

    // What the client sees

    @Test
    void theMetadataAdvertisesTheFlowsAsNimbusReadsThem() {
        assertThat(metadata.getAuthorizationEndpointURI()).hasToString(node().url() + "/oauth2/authorize");
        assertThat(metadata.getPushedAuthorizationRequestEndpointURI()).hasToString(node().url() + "/oauth2/par");
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
        assertThat(metadata.getGrantTypes()).extracting(Object::toString).contains("authorization_code",
                "urn:ietf:params:oauth:grant-type:device_code");
    }

    @Test
    void aCodeRequestedWithDpopJktIsRedeemedOnlyWithAProofByThatKeyAsNimbusSendsThem() throws Exception {
        ClientID spa = publicClient("Acme bound SPA", "http://127.0.0.1/callback");
        CodeVerifier verifier = new CodeVerifier();
        URI callback = URI.create("http://127.0.0.1:49153/callback");
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                com.nimbusds.jose.jwk.Curve.P_256).generate();
        URI bound = new AuthorizationRequest.Builder(ResponseType.CODE, spa)
                .endpointURI(metadata.getAuthorizationEndpointURI()).redirectionURI(callback).scope(new Scope("read"))
                .state(new State()).codeChallenge(verifier, CodeChallengeMethod.S256)
                .dPoPJWKThumbprintConfirmation(com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation.of(key))
                .build().toURI();

        AuthorizationCode code = success(new Person().allowing().authorize(bound)).getAuthorizationCode();
        TokenRequest redemption = new TokenRequest(metadata.getTokenEndpointURI(), spa,
                new AuthorizationCodeGrant(code, callback, verifier));

        TokenResponse unproven = TokenResponse.parse(redemption.toHTTPRequest().send());
        assertThat(unproven.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(unproven.toErrorResponse().getErrorObject().getDescription()).contains("dpop_jkt");
        com.nimbusds.oauth2.sdk.http.HTTPRequest byAnotherKey = redemption.toHTTPRequest();
        byAnotherKey.setDPoP(new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(
                new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate(),
                com.nimbusds.jose.JWSAlgorithm.ES256).createDPoPJWT("POST", metadata.getTokenEndpointURI()));
        assertThat(TokenResponse.parse(byAnotherKey.send()).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_grant");
        com.nimbusds.oauth2.sdk.http.HTTPRequest proven = redemption.toHTTPRequest();
        proven.setDPoP(new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(key,
                com.nimbusds.jose.JWSAlgorithm.ES256).createDPoPJWT("POST", metadata.getTokenEndpointURI()));
        TokenResponse granted = TokenResponse.parse(proven.send());

        assertThat(granted.indicatesSuccess()).as("%s", granted).isTrue();
        assertThat(granted.toSuccessResponse().getTokens().getAccessToken().getType().getValue()).isEqualTo("DPoP");
    }

    @Test
    void aSinglePageAppGetsTokensForAPersonWithoutTheirPasswordAndItsCodeOnce() throws Exception {
        ClientID spa = publicClient("Acme SPA", "http://127.0.0.1/callback");
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        URI callback = URI.create("http://127.0.0.1:49152/callback");

        URI back = new Person().allowing().authorize(request(spa, callback, "read", state, verifier));

        AuthorizationSuccessResponse answer = success(back);
        assertThat(answer.getState()).isEqualTo(state);
        assertThat(answer.getIssuer()).isEqualTo(new Issuer(node().url()));
        AccessTokenResponse tokens = redeem(spa, null, answer.getAuthorizationCode(), callback, verifier);
        String access = tokens.getTokens().getAccessToken().getValue();
        assertThat(self(access).statusCode()).isEqualTo(200);
        assertThat(self(access).body()).contains("\"read\"");

        TokenResponse refreshed = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), spa,
                new RefreshTokenGrant(tokens.getTokens().getRefreshToken())).toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).as("the grant refreshes like any other").isTrue();
        String refreshedAccess = refreshed.toSuccessResponse().getTokens().getAccessToken().getValue();

        TokenResponse replay = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), spa,
                new AuthorizationCodeGrant(answer.getAuthorizationCode(), callback, verifier)).toHTTPRequest().send());
        assertThat(replay.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(self(refreshedAccess).statusCode()).as("a replayed code revokes what it was redeemed for")
                .isEqualTo(401);
        assertThat(audit("authorization_code.replayed")).contains(spa.getValue());
    }

    @Test
    void aServerSideWebAppRedeemsWithItsSecretAndConsentIsRememberedUntilItAsksForMore() throws Exception {
        Map<String, Object> registered = register("{\"name\":\"Acme Web\",\"redirectUris\":"
                + "[\"https://web.example/oauth/callback\"],\"scopes\":[\"read\",\"write\"]}");
        ClientSecretBasic web = secretBasic(registered);
        URI callback = URI.create("https://web.example/oauth/callback");
        Person person = new Person().allowing();
        CodeVerifier verifier = new CodeVerifier();

        URI first = person.authorize(request(web.getClientID(), callback, "read", new State(), verifier));
        assertThat(person.consentPages).isEqualTo(1);
        redeem(web.getClientID(), web, success(first).getAuthorizationCode(), callback, verifier);
        assertThat(audit("consent.given")).contains(web.getClientID().getValue());

        CodeVerifier again = new CodeVerifier();
        URI second = person.authorize(request(web.getClientID(), callback, "read", new State(), again));
        assertThat(person.consentPages).as("consent is remembered").isEqualTo(1);
        redeem(web.getClientID(), web, success(second).getAuthorizationCode(), callback, again);

        success(person.authorize(request(web.getClientID(), callback, "read write", new State(),
                new CodeVerifier())));
        assertThat(person.consentPages).as("a request for more scopes asks again").isEqualTo(2);
        assertThat(person.lastConsentPage).contains("It now also asks for more.");
    }

    @Test
    void aClientAnAdministratorMarksFirstPartyAsksNobodyToConsent() throws Exception {
        ClientID intranet = publicClient("Intranet", "http://127.0.0.1/callback");
        HttpResponse<String> marked = HttpCalls.send(node(), "PATCH", "/api/v1/clients/" + intranet.getValue(),
                HttpCalls.headers(admin, "application/json"), "{\"consentSkipped\":true}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(marked.body()).contains("\"consentSkipped\":true", "http://127.0.0.1/callback");
        Person person = new Person();

        success(person.authorize(request(intranet, URI.create("http://127.0.0.1:50008/callback"), "read write",
                new State(), new CodeVerifier())));

        assertThat(person.consentPages).isZero();
        assertThat(person.signIns).isEqualTo(1);
        assertThat(audit("client.changed")).contains("consent-skipped=true");
    }

    // Each refusal

    @Test
    void aMissingOrPlainChallengeGoesBackToTheClientAsInvalidRequest() throws Exception {
        ClientID spa = publicClient("No PKCE", "http://127.0.0.1/callback");
        URI callback = URI.create("http://127.0.0.1:50000/callback");
        State state = new State();

        URI missing = new Person().authorize(new AuthorizationRequest.Builder(ResponseType.CODE, spa)
                .endpointURI(metadata.getAuthorizationEndpointURI()).redirectionURI(callback).scope(new Scope("read"))
                .state(state).build().toURI());
        assertError(missing, "invalid_request", state);

        URI plain = new Person().authorize(new AuthorizationRequest.Builder(ResponseType.CODE, spa)
                .endpointURI(metadata.getAuthorizationEndpointURI()).redirectionURI(callback).scope(new Scope("read"))
                .state(state).codeChallenge(new CodeVerifier(), CodeChallengeMethod.PLAIN).build().toURI());
        assertError(plain, "invalid_request", state);
    }

    @Test
    void aWrongVerifierIsRefusedAndTheRightOneStillWorks() throws Exception {
        ClientID spa = publicClient("Verifier", "http://127.0.0.1/callback");
        URI callback = URI.create("http://127.0.0.1:50001/callback");
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = success(new Person().allowing().authorize(request(spa, callback, "read",
                new State(), verifier))).getAuthorizationCode();

        TokenResponse wrong = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), spa,
                new AuthorizationCodeGrant(code, callback, new CodeVerifier())).toHTTPRequest().send());

        assertThat(wrong.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeRedeemedByAnotherClientIsRefused() throws Exception {
        ClientID spa = publicClient("Victim", "http://127.0.0.1/callback");
        ClientID thief = publicClient("Thief", "http://127.0.0.1/callback");
        URI callback = URI.create("http://127.0.0.1:50002/callback");
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = success(new Person().allowing().authorize(request(spa, callback, "read",
                new State(), verifier))).getAuthorizationCode();

        TokenResponse stolen = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), thief,
                new AuthorizationCodeGrant(code, callback, verifier)).toHTTPRequest().send());

        assertThat(stolen.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void aRedirectUriOffByOneCharacterOrAnUnknownClientIsAPageNeverARedirect() throws Exception {
        Map<String, Object> registered = register("{\"name\":\"Exact\",\"redirectUris\":"
                + "[\"https://web.example/callback\"]}");
        ClientID web = new ClientID((String) registered.get("clientId"));

        for (URI request : List.of(
                request(web, URI.create("https://web.example/callbacK"), "read", new State(), new CodeVerifier()),
                request(web, URI.create("https://web.example/callback/"), "read", new State(), new CodeVerifier()),
                request(new ClientID("nobody"), URI.create("https://web.example/callback"), "read", new State(),
                        new CodeVerifier()))) {
            HttpResponse<String> page = new ConsoleHttpClient(node()).get(pathOf(request));
            assertThat(page.statusCode()).as("%s", request).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).as("%s", request).isEmpty();
            assertThat(page.body()).contains("Nothing was sent back to the application");
        }
    }

    @Test
    void aDeniedConsentIsAccessDeniedAtTheRedirectUri() throws Exception {
        ClientID spa = publicClient("Denied", "http://127.0.0.1/callback");
        State state = new State();

        URI back = new Person().denying().authorize(request(spa, URI.create("http://127.0.0.1:50003/callback"),
                "read", state, new CodeVerifier()));

        assertError(back, "access_denied", state);
    }

    @Test
    void promptNoneNeverShowsAPage() throws Exception {
        ClientID spa = publicClient("Silent", "http://127.0.0.1/callback");
        URI callback = URI.create("http://127.0.0.1:50004/callback");
        State state = new State();

        assertError(new Person().authorize(withPrompt(request(spa, callback, "read", state, new CodeVerifier()),
                "none")), "login_required", state);
        Person signedIn = new Person().allowing();
        signedIn.signIn();
        assertError(signedIn.authorize(withPrompt(request(spa, callback, "read", state, new CodeVerifier()),
                "none")), "consent_required", state);
        success(signedIn.authorize(request(spa, callback, "read", state, new CodeVerifier())));
        success(signedIn.authorize(withPrompt(request(spa, callback, "read", state, new CodeVerifier()), "none")));
        assertThat(signedIn.signIns).isEqualTo(1);
    }

    @Test
    void promptLoginAsksForTheSignInAgainAndPromptConsentForTheConsent() throws Exception {
        ClientID spa = publicClient("Careful", "http://127.0.0.1/callback");
        URI callback = URI.create("http://127.0.0.1:50005/callback");
        Person person = new Person().allowing();
        success(person.authorize(request(spa, callback, "read", new State(), new CodeVerifier())));
        assertThat(person.signIns).isEqualTo(1);

        success(person.authorize(withPrompt(request(spa, callback, "read", new State(), new CodeVerifier()),
                "login")));
        assertThat(person.signIns).isEqualTo(2);
        success(person.authorize(withPrompt(request(spa, callback, "read", new State(), new CodeVerifier()),
                "consent")));
        assertThat(person.consentPages).isEqualTo(2);
        assertThat(person.signIns).isEqualTo(2);
    }

    @Test
    void aPushedRequestIsUsedOnceAndAClientRequiringThemCannotSkipThem() throws Exception {
        Map<String, Object> registered = register("{\"name\":\"Pushing\",\"redirectUris\":"
                + "[\"https://web.example/callback\"],\"pushedRequestsRequired\":true}");
        ClientSecretBasic web = secretBasic(registered);
        URI callback = URI.create("https://web.example/callback");
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        AuthorizationRequest authorization = new AuthorizationRequest.Builder(ResponseType.CODE, web.getClientID())
                .redirectionURI(callback).scope(new Scope("read")).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();

        assertError(new Person().authorize(request(web.getClientID(), callback, "read", state, new CodeVerifier())),
                "invalid_request", state);
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                metadata.getPushedAuthorizationRequestEndpointURI(), web, authorization).toHTTPRequest().send());
        assertThat(pushed.indicatesSuccess()).as("%s", pushed.indicatesSuccess() ? "" : pushed.toErrorResponse().getErrorObject().toJSONObject()).isTrue();
        assertThat(pushed.toSuccessResponse().getLifetime()).isEqualTo(60);
        URI byReference = new AuthorizationRequest.Builder(pushed.toSuccessResponse().getRequestURI(),
                web.getClientID()).endpointURI(metadata.getAuthorizationEndpointURI()).build().toURI();
        Person person = new Person().allowing();
        AuthorizationSuccessResponse answer = success(person.authorize(byReference));
        assertThat(answer.getState()).isEqualTo(state);
        redeem(web.getClientID(), web, answer.getAuthorizationCode(), callback, verifier);

        HttpResponse<String> reused = person.browser.get(pathOf(byReference));
        assertThat(reused.statusCode()).as("a request_uri is used once").isEqualTo(400);
        assertThat(reused.headers().firstValue("Location")).isEmpty();
        PushedAuthorizationResponse unauthenticated = PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(
                metadata.getPushedAuthorizationRequestEndpointURI(), authorization).toHTTPRequest().send());
        assertThat(unauthenticated.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
    }

    @Test
    void aProofSentWithAPushedRequestBindsItsCodeToTheProofsKey() throws Exception {
        ClientSecretBasic web = secretBasic(register("{\"name\":\"Pushing with a key\",\"redirectUris\":"
                + "[\"https://web.example/callback\"]}"));
        URI callback = URI.create("https://web.example/callback");
        CodeVerifier verifier = new CodeVerifier();
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                com.nimbusds.jose.jwk.Curve.P_256).generate();
        com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory proofs = new com.nimbusds.oauth2.sdk.dpop
                .DefaultDPoPProofFactory(key, com.nimbusds.jose.JWSAlgorithm.ES256);
        AuthorizationRequest authorization = new AuthorizationRequest.Builder(ResponseType.CODE, web.getClientID())
                .redirectionURI(callback).scope(new Scope("read")).state(new State())
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        com.nimbusds.oauth2.sdk.http.HTTPRequest push = new PushedAuthorizationRequest(
                metadata.getPushedAuthorizationRequestEndpointURI(), web, authorization).toHTTPRequest();
        push.setDPoP(proofs.createDPoPJWT("POST", metadata.getPushedAuthorizationRequestEndpointURI()));
        PushedAuthorizationResponse pushed = PushedAuthorizationResponse.parse(push.send());
        assertThat(pushed.indicatesSuccess()).isTrue();
        URI byReference = new AuthorizationRequest.Builder(pushed.toSuccessResponse().getRequestURI(),
                web.getClientID()).endpointURI(metadata.getAuthorizationEndpointURI()).build().toURI();
        AuthorizationCode code = success(new Person().allowing().authorize(byReference)).getAuthorizationCode();
        TokenRequest redemption = new TokenRequest(metadata.getTokenEndpointURI(), web,
                new AuthorizationCodeGrant(code, callback, verifier));

        assertThat(TokenResponse.parse(redemption.toHTTPRequest().send()).toErrorResponse().getErrorObject()
                .getCode()).as("redeemed without a proof").isEqualTo("invalid_grant");
        com.nimbusds.oauth2.sdk.http.HTTPRequest proven = redemption.toHTTPRequest();
        proven.setDPoP(proofs.createDPoPJWT("POST", metadata.getTokenEndpointURI()));
        TokenResponse granted = TokenResponse.parse(proven.send());
        assertThat(granted.indicatesSuccess()).as("%s", granted).isTrue();
        assertThat(granted.toSuccessResponse().getTokens().getAccessToken().getType().getValue()).isEqualTo("DPoP");

        com.nimbusds.oauth2.sdk.http.HTTPRequest mismatched = new PushedAuthorizationRequest(
                metadata.getPushedAuthorizationRequestEndpointURI(), web, authorization).toHTTPRequest();
        mismatched.setBody(mismatched.getBody() + "&dpop_jkt=0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
        mismatched.setDPoP(proofs.createDPoPJWT("POST", metadata.getPushedAuthorizationRequestEndpointURI()));
        assertThat(PushedAuthorizationResponse.parse(mismatched.send()).toErrorResponse().getErrorObject().getCode())
                .as("a dpop_jkt that is not the proof's key").isEqualTo("invalid_dpop_proof");
    }

    @Test
    void anyLoopbackPortIsAcceptedForAPublicClientAndOnlyTheExactOneForAConfidentialClient() throws Exception {
        ClientID spa = publicClient("Native", "http://127.0.0.1/callback");
        for (int port : List.of(1024, 50006, 65535)) {
            HttpResponse<String> accepted = new ConsoleHttpClient(node()).get(pathOf(request(spa,
                    URI.create("http://127.0.0.1:" + port + "/callback"), "read", new State(), new CodeVerifier())));
            assertThat(accepted.statusCode()).as("port %s", port).isEqualTo(303);
            assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(location ->
                    assertThat(location).startsWith("/console/authorize?"));
        }
        ClientSecretBasic desktop = secretBasic(register("{\"name\":\"Desktop\",\"redirectUris\":"
                + "[\"http://127.0.0.1:4000/callback\"]}"));
        HttpResponse<String> otherPort = new ConsoleHttpClient(node()).get(pathOf(request(desktop.getClientID(),
                URI.create("http://127.0.0.1:4001/callback"), "read", new State(), new CodeVerifier())));
        assertThat(otherPort.statusCode()).isEqualTo(400);
        assertThat(otherPort.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> exact = new ConsoleHttpClient(node()).get(pathOf(request(desktop.getClientID(),
                URI.create("http://127.0.0.1:4000/callback"), "read", new State(), new CodeVerifier())));
        assertThat(exact.statusCode()).isEqualTo(303);
    }

    @Test
    void revokingAnApplicationsAccessRevokesItsTokensAndTheNextSignInAsksAgain() throws Exception {
        ClientID spa = publicClient("Forgotten", "http://127.0.0.1/callback");
        URI callback = URI.create("http://127.0.0.1:50007/callback");
        CodeVerifier verifier = new CodeVerifier();
        Person person = new Person().allowing();
        AccessTokenResponse tokens = redeem(spa, null, success(person.authorize(request(spa, callback, "read",
                new State(), verifier))).getAuthorizationCode(), callback, verifier);
        String access = tokens.getTokens().getAccessToken().getValue();
        self(access);

        HttpResponse<String> listed = person.browser.get("/console/applications");
        assertThat(listed.body()).contains("Forgotten", spa.getValue(), "<code>read</code>");
        HttpResponse<String> revoked = person.browser.post("/console/applications/revoke", Map.of("client_id",
                spa.getValue(), "csrf", field(listed.body(), "csrf")), Map.of());
        assertThat(revoked.headers().firstValue("Location")).contains("/console/applications?done=revoked");

        assertThat(self(access).statusCode()).isEqualTo(401);
        TokenResponse refresh = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), spa,
                new RefreshTokenGrant(tokens.getTokens().getRefreshToken())).toHTTPRequest().send());
        assertThat(refresh.indicatesSuccess()).isFalse();
        assertThat(person.browser.get("/console/applications").body()).doesNotContain("Forgotten");
        success(person.authorize(request(spa, callback, "read", new State(), new CodeVerifier())));
        assertThat(person.consentPages).isEqualTo(2);
        assertThat(audit("consent.withdrawn")).contains(spa.getValue());
    }

    // The client's side, by Nimbus

    private URI request(ClientID client, URI callback, String scope, State state, CodeVerifier verifier) {
        return new AuthorizationRequest.Builder(ResponseType.CODE, client)
                .endpointURI(metadata.getAuthorizationEndpointURI()).redirectionURI(callback).scope(new Scope(scope))
                .state(state).codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
    }

    private static URI withPrompt(URI request, String prompt) {
        return URI.create(request + "&prompt=" + prompt);
    }

    private static AuthorizationSuccessResponse success(URI back) throws Exception {
        AuthorizationResponse response = AuthorizationResponse.parse(back);
        assertThat(response.indicatesSuccess()).as("%s", back).isTrue();
        return response.toSuccessResponse();
    }

    private void assertError(URI back, String error, State state) throws Exception {
        AuthorizationResponse response = AuthorizationResponse.parse(back);
        assertThat(response.indicatesSuccess()).as("%s", back).isFalse();
        AuthorizationErrorResponse refused = response.toErrorResponse();
        assertThat(refused.getErrorObject().getCode()).isEqualTo(error);
        assertThat(refused.getErrorObject().getDescription()).isNotBlank();
        assertThat(refused.getState()).isEqualTo(state);
        assertThat(refused.getIssuer()).isEqualTo(new Issuer(node().url()));
    }

    private AccessTokenResponse redeem(ClientID client, ClientAuthentication authentication, AuthorizationCode code,
                                       URI callback, CodeVerifier verifier) throws Exception {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, callback, verifier);
        TokenRequest request = authentication == null
                ? new TokenRequest(metadata.getTokenEndpointURI(), client, grant)
                : new TokenRequest(metadata.getTokenEndpointURI(), authentication, grant);
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as("%s", response).isTrue();
        AccessTokenResponse tokens = response.toSuccessResponse();
        assertThat(tokens.getTokens().getRefreshToken()).isNotNull();
        return tokens;
    }

    private HttpResponse<String> self(String accessToken) throws Exception {
        return HttpCalls.send(node(), "GET", "/api/v1/tokens/self", HttpCalls.headers("Bearer " + accessToken, null),
                null);
    }

    private String audit(String type) throws Exception {
        HttpResponse<String> events = HttpCalls.send(node(), "GET", "/api/v1/admin/audit?type=" + type,
                HttpCalls.headers(admin, null), null);
        assertThat(events.statusCode()).isEqualTo(200);
        return events.body();
    }

    private ClientID publicClient(String name, String redirectUri) throws Exception {
        return new ClientID((String) register("{\"name\":\"" + name + "\",\"type\":\"public\",\"redirectUris\":[\""
                + redirectUri + "\"],\"scopes\":[\"read\",\"write\"]}").get("clientId"));
    }

    private Map<String, Object> register(String body) throws Exception {
        HttpResponse<String> registered = HttpCalls.send(node(), "POST", "/api/v1/clients",
                HttpCalls.headers(admin, "application/json"), body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> client = json.readValue(registered.body(), Map.class);
        return client;
    }

    private static ClientSecretBasic secretBasic(Map<String, Object> registered) {
        return new ClientSecretBasic(new ClientID((String) registered.get("clientId")),
                new Secret((String) registered.get("clientSecret")));
    }

    private static String pathOf(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String field(String html, String name) {
        Matcher matcher = FIELD.matcher(html);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2).replace("&amp;", "&");
            }
        }
        throw new AssertionError("no " + name + " field in " + html);
    }

    /**
     * The person at a browser: follows Latchkey's pages from the authorization request until the browser is sent
     * back to the client, signing in with their password where Latchkey's own form asks for it, and answering the
     * consent page as told.
     */
    private final class Person {

        final ConsoleHttpClient browser = new ConsoleHttpClient(node());
        private String answer = "";
        int signIns;
        int consentPages;
        String lastConsentPage = "";

        Person allowing() {
            answer = "allow";
            return this;
        }

        Person denying() {
            answer = "deny";
            return this;
        }

        void signIn() throws Exception {
            assertThat(browser.signIn(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
            signIns++;
        }

        /** Where the browser is sent back to the client: its redirect URI, with the response. */
        URI authorize(URI request) throws Exception {
            HttpResponse<String> response = browser.get(pathOf(request));
            for (int step = 0; step < 10; step++) {
                String body = response.body();
                if (response.statusCode() == 303) {
                    String location = response.headers().firstValue("Location").orElseThrow();
                    if (!location.startsWith("/")) {
                        return URI.create(location);
                    }
                    response = browser.get(location);
                } else if (response.statusCode() == 200 && META_REFRESH.matcher(body).find()) {
                    Matcher refresh = META_REFRESH.matcher(body);
                    assertThat(refresh.find()).isTrue();
                    response = browser.get(refresh.group(1).replace("&amp;", "&"));
                } else if (response.statusCode() == 200 && body.contains("name=\"signin\"")) {
                    Map<String, String> form = new LinkedHashMap<>();
                    form.put("signin", field(body, "signin"));
                    form.put("return", field(body, "return"));
                    form.put("username", LatchkeyNode.ADMIN);
                    form.put("password", LatchkeyNode.ADMIN_PASSWORD);
                    signIns++;
                    response = browser.post("/console/sign-in", form, Map.of());
                } else if (response.statusCode() == 200 && body.contains("action=\"/console/authorize\"")) {
                    assertThat(answer).as("a consent page, not expected").isNotEmpty();
                    consentPages++;
                    lastConsentPage = body;
                    response = browser.post("/console/authorize", Map.of("csrf", field(body, "csrf"), "request",
                            field(body, "request"), "decision", answer), Map.of());
                } else {
                    throw new AssertionError("an unexpected page: " + response.statusCode() + " " + body);
                }
            }
            throw new AssertionError("the browser was never sent back to the client");
        }
    }
}
