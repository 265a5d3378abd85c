package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console as people use it, in headless Chromium: sign in, create a token and use its secret against the
 * API, watch "last used" change, revoke it, rotate one with an overlap, and, as an administrator, disable an account.
 * Also what an attacker tries: a form posted without the session's form token. Each main page is saved as a
 * screenshot under {@code target/screenshots}.
 */
class ConsoleBrowserTest extends ServiceOnTestDatabase {

    private static final String USER = "casey";
    private static final String USER_PASSWORD = "casey-long-password";
    private static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);

    private WebDriver browser;
    private WebDriverWait wait;

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @BeforeAll
    void startBrowser() throws Exception {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        HttpResponse<String> created = HttpCalls.send(node(), "POST", "/api/v1/admin/accounts",
                HttpCalls.headers(ADMIN, "application/json"),
                "{\"username\":\"" + USER + "\",\"password\":\"" + USER_PASSWORD + "\",\"organization\":\"Acme\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void signInCreateUseAndRevokeAToken() throws Exception {
        newAccount("erin");
        browser.get(node().url() + "/console");
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        Browser.screenshot(browser, "01-sign-in");
        signIn("erin", "erin-long-password");
        assertThat(browser.findElement(By.cssSelector("p.empty")).getText()).contains("No tokens");
        Browser.screenshot(browser, "02-tokens-empty");

        browser.findElement(By.linkText("Create a token")).click();
        browser.findElement(By.id("description")).sendKeys("ci bot");
        browser.findElement(By.id("scopes")).sendKeys("deploy read");
        browser.findElement(By.cssSelector("label[for=lifetime-30]")).click();
        Browser.screenshot(browser, "03-create");
        browser.findElement(By.cssSelector("button[type=submit]:not(.secondary)")).click();
        String secret = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret"))).getAttribute("value");
        assertThat(browser.getPageSource()).contains("You won't see it again");
        WebElement copy = browser.findElement(By.cssSelector("button[data-copy=secret]"));
        assertThat(copy.isDisplayed()).as("the copy button, shown by the console's script").isTrue();
        copy.click();
        wait.until(driver -> !driver.findElement(By.cssSelector(".copied")).getText().isEmpty());
        Browser.screenshot(browser, "04-new-token-secret");

        assertThat(bearer(secret, "/api/v1/tokens/self").statusCode()).isEqualTo(200);
        browser.get(node().url() + "/console/tokens");
        String lastUsed = waitForRow("ci bot", row -> !row.findElement(By.cssSelector("td.last-used")).getText()
                .contains("never used")).findElement(By.cssSelector("td.last-used")).getText();
        assertThat(lastUsed).endsWith("UTC");
        Browser.screenshot(browser, "05-tokens-last-used");

        row("ci bot").findElement(By.linkText("Revoke")).click();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Revoke ci bot?");
        Browser.screenshot(browser, "06-revoke-confirmation");
        browser.findElement(By.cssSelector("button.danger")).click();
        wait.until(ExpectedConditions.urlContains("done=revoked"));
        assertThat(row("ci bot").findElement(By.cssSelector("td.status")).getText()).isEqualTo("revoked");
        Browser.screenshot(browser, "07-tokens-after-revoke");
        assertThat(bearer(secret, "/api/v1/tokens/self").statusCode()).isEqualTo(401);
    }

    @Test
    void rotateWithAnOverlapKeepsBothTokensWorkingUntilItEnds() throws Exception {
        signIn(USER, USER_PASSWORD);
        String oldSecret = createToken("deploy key");
        browser.get(node().url() + "/console/tokens");
        row("deploy key").findElement(By.linkText("Rotate")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("overlap"))).selectByValue("300");
        Browser.screenshot(browser, "08-rotate");
        browser.findElement(By.cssSelector("button[type=submit]:not(.secondary)")).click();
        String newSecret = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")))
                .getAttribute("value");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("The old token keeps working until");
        Browser.screenshot(browser, "09-rotated-secret");

        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(bearer(oldSecret, "/api/v1/tokens/self").statusCode()).isEqualTo(200);
        assertThat(bearer(newSecret, "/api/v1/tokens/self").statusCode()).isEqualTo(200);
        browser.get(node().url() + "/console/tokens?status=active");
        assertThat(rows("deploy key")).hasSize(2);
        assertThat(browser.findElement(By.tagName("tbody")).getText()).contains("active until", "rotated out");
        Browser.screenshot(browser, "09b-tokens-after-rotation");

        // A phone's width: the rows become blocks, each cell named, and nothing scrolls sideways.
        org.openqa.selenium.Dimension wide = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(400, 900));
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as("pixels scrolled sideways at 400 px").isLessThanOrEqualTo(0);
            Browser.screenshot(browser, "14-tokens-at-400px");
        } finally {
            browser.manage().window().setSize(wide);
        }
    }

    @Test
    void aPersonFollowsTheDevicesLinkSignsInAndApprovesItInTheBrowser() throws Exception {
        HttpResponse<String> client = HttpCalls.send(node(), "POST", "/api/v1/clients",
                HttpCalls.headers(ADMIN, "application/json"), "{\"name\":\"Acme CLI\",\"type\":\"public\","
                        + "\"grantTypes\":[\"urn:ietf:params:oauth:grant-type:device_code\"],\"scopes\":[\"read\"]}");
        String clientId = client.body().replaceAll("(?s).*\"clientId\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> started = HttpCalls.send(node(), "POST", "/oauth2/device_authorization",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "client_id=" + clientId + "&scope=read");
        String complete = started.body().replaceAll("(?s).*\"verification_uri_complete\":\"([^\"]+)\".*", "$1");
        String deviceCode = started.body().replaceAll("(?s).*\"device_code\":\"([^\"]+)\".*", "$1");

        browser.get(complete);
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        browser.findElement(By.id("username")).sendKeys(USER);
        browser.findElement(By.id("password")).sendKeys(USER_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/console/device"));
        Browser.screenshot(browser, "15-device-code");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button[value=approve]")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Acme CLI").contains("read");
        Browser.screenshot(browser, "16-device-confirm");
        browser.findElement(By.cssSelector("button[value=approve]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Acme CLI can now act"));
        Browser.screenshot(browser, "17-device-connected");

        HttpResponse<String> tokens = HttpCalls.send(node(), "POST", "/oauth2/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=" + clientId + "&device_code="
                        + deviceCode);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.body()).contains("\"access_token\"");
    }

    /**
     * A single-page app on the person's machine (a loopback listener here, on 127.0.0.1, another site than Latchkey's
     * localhost) sends the browser to sign in: Chromium follows the continue page, the sign-in form and the consent
     * page, and Allow's redirect to the app is let through by the consent page's form-action, which Chromium applies
     * to it. Nimbus builds the request and redeems the code. A second sign-in from the app, with the session now
     * open, needs neither the password nor the consent, though the browser arrives from another site and so withholds
     * the SameSite=Strict session cookie until the continue page sends it on from Latchkey's own site.
     */
    @Test
    void aSinglePageAppSignsThePersonInThroughTheBrowserAndTheyTakeItsAccessBackLater() throws Exception {
        assertThat(URI.create(node().url()).getHost()).as("Latchkey and the app are different sites")
                .isEqualTo("localhost");
        Map<String, Object> registered = json().readValue(HttpCalls.send(node(), "POST", "/api/v1/clients",
                HttpCalls.headers(ADMIN, "application/json"), "{\"name\":\"Acme Notes\",\"type\":\"public\","
                        + "\"redirectUris\":[\"http://127.0.0.1/callback\"],\"scopes\":[\"read\",\"write\"]}")
                .body(), Map.class);
        ClientID app = new ClientID((String) registered.get("clientId"));
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(node().url()));
        try (LoopbackApp listener = new LoopbackApp()) {
            for (int signIn = 1; signIn <= 2; signIn++) {
                CodeVerifier verifier = new CodeVerifier();
                State state = new State();
                URI request = new AuthorizationRequest.Builder(ResponseType.CODE, app)
                        .endpointURI(metadata.getAuthorizationEndpointURI()).redirectionURI(listener.callback())
                        .scope(new Scope("read", "write")).state(state)
                        .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
                listener.linkTo(request);
                browser.get(listener.home().toString());
                browser.findElement(By.linkText("Sign in with Latchkey")).click();
                if (signIn == 1) {
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
                    Browser.screenshot(browser, "21-authorize-sign-in");
                    browser.findElement(By.id("username")).sendKeys(USER);
                    browser.findElement(By.id("password")).sendKeys(USER_PASSWORD);
                    browser.findElement(By.cssSelector("main button[type=submit]")).click();
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button[value=allow]")));
                    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Acme Notes", "read",
                            "write", "127.0.0.1:" + listener.port());
                    Browser.screenshot(browser, "22-consent");
                    browser.findElement(By.cssSelector("button[value=allow]")).click();
                }
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Back in the app"));
                AuthorizationResponse response = AuthorizationResponse.parse(URI.create(browser.getCurrentUrl()));
                assertThat(response.indicatesSuccess()).as(browser.getCurrentUrl()).isTrue();
                assertThat(response.getState()).isEqualTo(state);
                assertThat(response.toSuccessResponse().getIssuer()).isEqualTo(new Issuer(node().url()));
                TokenResponse tokens = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), app,
                        new AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(),
                                listener.callback(), verifier)).toHTTPRequest().send());
                assertThat(tokens.indicatesSuccess()).as("sign-in %s", signIn).isTrue();
                assertThat(bearer(tokens.toSuccessResponse().getTokens().getAccessToken().getValue(),
                        "/api/v1/tokens/self").statusCode()).isEqualTo(200);
            }
        }

        browser.get(node().url() + "/console/applications");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Acme Notes", "read write");
        Browser.screenshot(browser, "23-authorized-applications");
        browser.findElement(By.cssSelector("button.danger")).click();
        wait.until(ExpectedConditions.urlContains("done=revoked"));
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Acme Notes");
        Browser.screenshot(browser, "24-application-revoked");
    }

    /** The app's side on the person's machine: a page with the sign-in link, and the redirect URI it listens on. */
    private static final class LoopbackApp implements AutoCloseable {

        private final HttpServer server;
        private volatile URI signInLink;

        LoopbackApp() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String page = exchange.getRequestURI().getPath().equals("/callback")
                        ? "<!doctype html><title>App</title><p>Back in the app.</p>"
                        : "<!doctype html><title>App</title><a href=\"" + signInLink.toString().replace("&", "&amp;")
                                + "\">Sign in with Latchkey</a>";
                byte[] body = page.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        URI home() {
            return URI.create("http://127.0.0.1:" + port() + "/");
        }

        URI callback() {
            return URI.create("http://127.0.0.1:" + port() + "/callback");
        }

        void linkTo(URI request) {
            signInLink = request;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private JsonMapper json() {
        return node().context().getBean(JsonMapper.class);
    }

    @Test
    void anOwnerSeesTheirTokenWasFoundLeakedAndDismissesTheBanner() throws Exception {
        newAccount("lena");
        signIn("lena", "lena-long-password");
        String secret = createToken("release bot");
        HttpResponse<String> reported = HttpCalls.send(node(), "POST", "/api/v1/credentials/revoke",
                HttpCalls.headers(null, "application/json"), "{\"credentials\":[\"" + secret + "\"]}");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(202);

        browser.get(node().url() + "/console/tokens");
        WebElement banner = browser.findElement(By.cssSelector("section.leaks"));
        assertThat(banner.getText()).contains("A token of yours was found leaked, and revoked", "release bot",
                "found by public report");
        assertThat(row("release bot").findElement(By.cssSelector("td.status")).getText())
                .isEqualTo("revoked: found leaked (public report)");
        Browser.screenshot(browser, "25-token-found-leaked");

        banner.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("done=dismissed"));
        assertThat(browser.findElements(By.cssSelector("section.leaks"))).isEmpty();
        assertThat(row("release bot").findElement(By.cssSelector("td.status")).getText())
                .isEqualTo("revoked: found leaked (public report)");
        Browser.screenshot(browser, "26-leak-notice-dismissed");
        assertThat(bearer(secret, "/api/v1/tokens/self").statusCode()).isEqualTo(401);
    }

    @Test
    void aFormPostedWithoutTheSessionsFormTokenChangesNothing() throws Exception {
        signIn(USER, USER_PASSWORD);
        String session = browser.manage().getCookieNamed("latchkey_console").getValue();
        int before = tokenCount(USER, USER_PASSWORD);

        for (String forged : List.of("description=forged&scopes=&lifetime=7",
                "description=forged&scopes=&lifetime=7&csrf=guessed-token")) {
            HttpResponse<String> response = HttpCalls.send(node(), "POST", "/console/tokens",
                    Map.of("Cookie", "latchkey_console=" + session,
                            "Content-Type", "application/x-www-form-urlencoded"), forged);
            assertThat(response.statusCode()).as(forged).isEqualTo(403);
            assertThat(response.body()).contains("Nothing was changed");
        }
        assertThat(tokenCount(USER, USER_PASSWORD)).isEqualTo(before);

        // The same post from another site's page: the browser marks it cross-site, which is refused before anything
        // else, and would not send the SameSite=Strict cookie anyway.
        browser.get("data:text/html,<form id=f method=post action='" + node().url() + "/console/tokens'>"
                + "<input name=description value=forged><input name=lifetime value=7></form>"
                + "<script>document.getElementById('f').submit()</script>");
        wait.until(ExpectedConditions.urlContains(node().url() + "/console/"));
        wait.until(ExpectedConditions.or(ExpectedConditions.urlContains("/console/sign-in"),
                ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "could not use this request")));
        assertThat(tokenCount(USER, USER_PASSWORD)).isEqualTo(before);
    }

    @Test
    void anAdministratorDisablesAnAccountWhichRevokesItsTokensAndEndsItsSessions() throws Exception {
        newAccount("dana");
        HttpResponse<String> issued = HttpCalls.send(node(), "POST", "/api/v1/tokens",
                HttpCalls.headers(EndToEndScenario.basic("dana", "dana-long-password"), "application/json"),
                "{\"description\":\"dana's script\"}");
        String danasToken = issued.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String danasSession = signInWithoutBrowser("dana", "dana-long-password");
        assertThat(HttpCalls.send(node(), "GET", "/console/tokens", Map.of("Cookie", "latchkey_console="
                + danasSession), null).statusCode()).isEqualTo(200);

        signIn(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
        browser.findElement(By.linkText("Accounts")).click();
        Browser.screenshot(browser, "10-admin-accounts");
        WebElement danaRow = browser.findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> row.getText().startsWith("dana")).findFirst().orElseThrow();
        danaRow.findElement(By.linkText("Disable")).click();
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("every token they hold is revoked");
        browser.findElement(By.cssSelector("button.danger")).click();
        wait.until(ExpectedConditions.urlContains("done=disabled"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("disabled");

        assertThat(bearer(danasToken, "/api/v1/tokens/self").statusCode()).isEqualTo(401);
        HttpResponse<String> afterwards = HttpCalls.send(node(), "GET", "/console/tokens",
                Map.of("Cookie", "latchkey_console=" + danasSession), null);
        assertThat(afterwards.statusCode()).isEqualTo(303);
        assertThat(afterwards.headers().firstValue("Location")).hasValue("/console/sign-in");

        // A client that signs its assertions and gets DPoP-bound tokens only, for the clients page to show.
        assertThat(HttpCalls.send(node(), "POST", "/api/v1/clients", HttpCalls.headers(ADMIN, "application/json"),
                "{\"name\":\"Nightly report job\",\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"read\"],"
                        + "\"dpopBoundAccessTokens\":true,\"jwks\":{\"keys\":[" + new com.nimbusds.jose.jwk.gen
                        .ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("k1").generate().toPublicJWK()
                        .toJSONString() + "]}}").statusCode()).isEqualTo(201);
        for (String page : List.of("partners", "clients", "audit")) {
            browser.get(node().url() + "/console/admin/" + page);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isNotEqualTo("Administrators only");
            Browser.screenshot(browser, (11 + List.of("partners", "clients", "audit").indexOf(page)) + "-admin-"
                    + page);
        }
    }

    @Test
    void theConsoleWorksFromTheKeyboardAndLabelsEveryControl() throws Exception {
        newAccount("kim");
        browser.get(node().url() + "/console/sign-in");
        // The username field has the focus on arrival; Tab moves to the password, Enter submits.
        browser.switchTo().activeElement().sendKeys("kim");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys("kim-long-password", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/console/tokens"));

        for (String page : List.of("/console/tokens", "/console/tokens/new")) {
            browser.get(node().url() + page);
            for (WebElement control : browser.findElements(By.cssSelector("input:not([type=hidden]), select"))) {
                String id = control.getAttribute("id");
                boolean labelled = control.getAttribute("aria-labelledby") != null
                        || !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty();
                assertThat(labelled).as("a label for #%s on %s", id, page).isTrue();
            }
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            Object outline = ((JavascriptExecutor) browser).executeScript(
                    "return getComputedStyle(document.activeElement).outlineStyle");
            assertThat(outline).as("the focused element's outline on %s", page).isNotEqualTo("none");
        }
    }

    @Test
    void whatAccountsWriteIsShownAsTextNeverAsMarkup() throws Exception {
        newAccount("mallory");
        HttpResponse<String> issued = HttpCalls.send(node(), "POST", "/api/v1/tokens",
                HttpCalls.headers(EndToEndScenario.basic("mallory", "mallory-long-password"), "application/json"),
                "{\"description\":\"<img src=x id=injected onerror=alert(1)>\",\"scopes\":[\"a&b\"]}");
        assertThat(issued.statusCode()).isEqualTo(201);
        signIn("mallory", "mallory-long-password");
        assertThat(browser.findElements(By.id("injected"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("tbody td")).getText())
                .isEqualTo("<img src=x id=injected onerror=alert(1)>");
    }

    @Test
    void everyBadInputGetsAPageThatSaysSoNeverAServerError() throws Exception {
        newAccount("quinn");
        String session = signInWithoutBrowser("quinn", "quinn-long-password");
        Map<String, String> cookie = Map.of("Cookie", "latchkey_console=" + session);
        String page = HttpCalls.send(node(), "GET", "/console/tokens/new", cookie, null).body();
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        Map<String, String> form = Map.of("Cookie", "latchkey_console=" + session,
                "Content-Type", "application/x-www-form-urlencoded");
        for (String body : List.of("lifetime=date&date=+999999999-12-31", "lifetime=date&date=1999-01-01",
                "lifetime=date&date=next+tuesday", "lifetime=365", "lifetime=", "description=" + "x".repeat(201),
                "scopes=a%22b", "scopes=" + "s+".repeat(40), "description=%ZZ", "lifetime=7&lifetime=30")) {
            HttpResponse<String> response = HttpCalls.send(node(), "POST", "/console/tokens", form,
                    "csrf=" + csrf + "&" + body);
            assertThat(response.statusCode()).as(body).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/html"));
        }
        for (String query : List.of("?page=-1", "?page=abc", "?status=bogus", "?page=99999999999")) {
            assertThat(HttpCalls.send(node(), "GET", "/console/tokens" + query, cookie, null).statusCode())
                    .as(query).isBetween(400, 499);
        }
        for (String path : List.of("/console/tokens/not-an-id/rotate", "/console/tokens/not-an-id/revoke")) {
            assertThat(HttpCalls.send(node(), "POST", path, form, "csrf=" + csrf + "&overlap=x").statusCode())
                    .as(path).isBetween(400, 499);
        }
        assertThat(tokenCount("quinn", "quinn-long-password")).isZero();
    }

    @Test
    void theConsolesErrorsArePagesWithItsHeaders() throws Exception {
        for (String[] request : List.of(new String[] {"GET", "/console/no-such-page"},
                new String[] {"DELETE", "/console/tokens"}, new String[] {"GET", "/console/tokens/new/extra"})) {
            HttpResponse<String> response = HttpCalls.send(node(), request[0], request[1], Map.of(), null);
            assertThat(response.statusCode()).as(request[1]).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(request[1]).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/html"));
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(request[1]).isPresent();
            assertThat(response.body()).contains("Go to your tokens");
        }
    }

    @Test
    void theApiReferenceRendersEveryOperationInTheBrowser() throws Exception {
        String document = HttpCalls.send(node(), "GET", "/openapi.yml", Map.of(), null).body();
        long operations = document.lines().filter(line -> line.matches("    (get|put|post|delete|patch):")).count();
        browser.get(node().url() + "/docs");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver ->
                driver.findElements(By.cssSelector(".opblock")).size() == operations);
        assertThat(browser.findElements(By.cssSelector(".opblock"))).hasSize((int) operations);
        Browser.screenshot(browser, "20-api-reference");
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() throws Exception {
        signIn(USER, USER_PASSWORD);
        String session = browser.manage().getCookieNamed("latchkey_console").getValue();
        browser.findElement(By.cssSelector(".sign-out button")).click();
        wait.until(ExpectedConditions.urlContains("done=signed-out"));
        HttpResponse<String> replayed = HttpCalls.send(node(), "GET", "/console/tokens",
                Map.of("Cookie", "latchkey_console=" + session), null);
        assertThat(replayed.statusCode()).isEqualTo(303);
    }

    private void newAccount(String username) throws Exception {
        HttpResponse<String> created = HttpCalls.send(node(), "POST", "/api/v1/admin/accounts",
                HttpCalls.headers(ADMIN, "application/json"),
                "{\"username\":\"" + username + "\",\"password\":\"" + username + "-long-password\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void signIn(String username, String password) {
        browser.get(node().url() + "/console/sign-in");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        try {
            wait.until(ExpectedConditions.urlContains("/console/tokens"));
        } catch (org.openqa.selenium.TimeoutException notSignedIn) {
            Browser.screenshot(browser, "failed-sign-in");
            throw new AssertionError("not signed in; the page was " + browser.getCurrentUrl() + ":\n"
                    + browser.getPageSource(), notSignedIn);
        }
    }

    /** Signs in as a second browser would, with the form and its cookie: the session cookie's value. */
    private String signInWithoutBrowser(String username, String password) throws Exception {
        HttpResponse<String> form = HttpCalls.send(node(), "GET", "/console/sign-in", Map.of(), null);
        String formToken = form.body().replaceAll("(?s).*name=\"signin\" value=\"([^\"]+)\".*", "$1");
        String cookie = form.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("latchkey_console_sign_in=")).findFirst().orElseThrow()
                .split(";")[0];
        HttpResponse<String> signedIn = HttpCalls.send(node(), "POST", "/console/sign-in",
                Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"),
                "signin=" + formToken + "&username=" + username + "&password=" + password);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return signedIn.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("latchkey_console=")).findFirst().orElseThrow()
                .split(";")[0].substring("latchkey_console=".length());
    }

    private String createToken(String description) {
        browser.get(node().url() + "/console/tokens/new");
        browser.findElement(By.id("description")).sendKeys(description);
        browser.findElement(By.cssSelector("button[type=submit]:not(.secondary)")).click();
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret"))).getAttribute("value");
    }

    private HttpResponse<String> bearer(String token, String path) throws Exception {
        return HttpCalls.send(node(), "GET", path, HttpCalls.headers("Bearer " + token, null), null);
    }

    private int tokenCount(String username, String password) throws Exception {
        String listing = HttpCalls.send(node(), "GET", "/api/v1/tokens?size=100",
                HttpCalls.headers(EndToEndScenario.basic(username, password), null), null).body();
        return Integer.parseInt(listing.replaceAll(".*\"total\":(\\d+).*", "$1"));
    }

    private WebElement row(String description) {
        return rows(description).get(0);
    }

    private List<WebElement> rows(String description) {
        return browser.findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> row.findElement(By.tagName("td")).getText().equals(description)).toList();
    }

    /** Reloads the token list until the row matches: uses are recorded a moment after the request they were in. */
    private WebElement waitForRow(String description, java.util.function.Predicate<WebElement> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(500)).until(driver -> {
            driver.navigate().refresh();
            return rows(description).stream().filter(condition).findFirst().orElse(null);
        });
    }
}
