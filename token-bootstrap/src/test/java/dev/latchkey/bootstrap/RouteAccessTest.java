package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import dev.latchkey.adapter.rest.security.RouteAccess;
import dev.latchkey.adapter.rest.security.RouteAccessRules;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * No token route is served without authentication (issue 27, ADR 20). Every route the server answers declares who
 * may call it; the routes open to anyone are exactly the ones listed here, each of which checks its callers itself or
 * holds nothing secret; and every other route, called without credentials over HTTP, answers 401. The nested class
 * starts a node with two routes left open on purpose and shows each check failing for them.
 */
class RouteAccessTest {

    /** Open to anyone because they hold nothing secret: documents, the server's pages, the operations endpoints. */
    static final Set<String> PUBLIC = Set.of(
            "GET /", "GET /favicon.ico", "GET /health", "GET /health/{}", "GET /prometheus", "GET /openapi.yml",
            "GET /docs", "GET /docs/{}", "GET /.well-known/oauth-authorization-server", "GET /oauth2/jwks",
            "GET /console/sign-in", "GET /console/assets/{}");

    /**
     * Open to anyone because they check their callers themselves, in the way their specification says: the OAuth
     * endpoints authenticate clients (RFC 6749, 7662, 7009, 8628, 9126), a browser starts sign-in at the
     * authorization endpoint, the dialects take their platforms' credentials, a leaked credential may be reported
     * by anyone (GitHub's credential revocation API), and secret-scanning reports carry GitHub's signature.
     */
    static final Set<String> CHECK_THEIR_OWN_CALLERS = Set.of(
            "GET /oauth2/authorize", "POST /oauth2/token", "POST /oauth2/introspect", "POST /oauth2/revoke",
            "POST /oauth2/par", "POST /oauth2/device_authorization", "POST /console/sign-in",
            "GET /Token", "POST /Token", "POST /api/v1/token-auth", "POST /api/v2/api-token-refresh",
            "GET /api/v1/public/auth/partner/{}/token", "POST /api/v1/public/auth/partner/{}/token",
            "POST /api/v1/credentials/revoke", "POST /api/v1/secret-scanning/github");

    /** The console's pages and forms, each behind its own session and form-token check (ADR 16). */
    static final Set<String> CONSOLE_BEHIND_ITS_SESSION = Set.of(
            "GET /console", "GET /console/admin/accounts", "GET /console/admin/accounts/{}/disable",
            "GET /console/admin/audit", "GET /console/admin/clients", "GET /console/admin/partners",
            "GET /console/admin/webhooks", "GET /console/applications", "GET /console/authorize", "GET /console/device",
            "GET /console/tokens", "GET /console/tokens/new", "GET /console/tokens/{}/revoke",
            "GET /console/tokens/{}/rotate", "POST /console/admin/accounts/{}/disable",
            "POST /console/admin/accounts/{}/enable", "POST /console/admin/partners/{}/sign",
            "POST /console/applications/revoke", "POST /console/authorize", "POST /console/device",
            "POST /console/device/decision", "POST /console/sign-out", "POST /console/tokens",
            "POST /console/tokens/leak-notices/dismiss", "POST /console/tokens/{}/revoke",
            "POST /console/tokens/{}/rotate");

    static final Set<String> OPEN_TO_ANYONE = union(PUBLIC, CHECK_THEIR_OWN_CALLERS, CONSOLE_BEHIND_ITS_SESSION);

    static Map<String, RouteAccess> accessOfEveryRoute(LatchkeyNode node) {
        Router router = node.context().getBean(Router.class);
        RouteAccessRules rules = node.context().getBean(RouteAccessRules.class);
        Map<String, RouteAccess> access = new TreeMap<>();
        router.uriRoutes().filter(route -> route.getHttpMethod() != HttpMethod.OPTIONS
                        && route.getHttpMethod() != HttpMethod.HEAD)
                .forEach(route -> access.put(operation(route), rules.of(route)));
        return access;
    }

    static Set<String> undeclared(Map<String, RouteAccess> access) {
        return access.entrySet().stream().filter(entry -> entry.getValue() instanceof RouteAccess.Undeclared)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> openBeyondTheList(Map<String, RouteAccess> access) {
        return access.entrySet().stream().filter(entry -> entry.getValue() instanceof RouteAccess.Anyone)
                .map(Map.Entry::getKey).filter(operation -> !OPEN_TO_ANYONE.contains(operation))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Each closed route called with no credentials, and what it answered when that was not a 401. */
    static List<String> closedRoutesAnsweringWithoutCredentials(LatchkeyNode node, Map<String, RouteAccess> access)
            throws Exception {
        List<String> answered = new ArrayList<>();
        for (Map.Entry<String, RouteAccess> entry : access.entrySet()) {
            if (entry.getValue() instanceof RouteAccess.Anyone) {
                continue;
            }
            int status = callWithoutCredentials(node, entry.getKey()).statusCode();
            if (status != 401) {
                answered.add(entry.getKey() + " -> " + status);
            }
        }
        return answered;
    }

    static HttpResponse<String> callWithoutCredentials(LatchkeyNode node, String operation) throws Exception {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(method.length() + 1).replace("{}", "00000000-0000-4000-8000-000000000000");
        return HttpCalls.send(node, method, path, HttpCalls.headers(null, "application/json"),
                method.equals("GET") ? null : "{}");
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... groups) {
        Set<String> all = new TreeSet<>();
        for (Set<String> group : groups) {
            all.addAll(group);
        }
        return Set.copyOf(all);
    }

    private static String operation(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " "
                + route.getUriMatchTemplate().toPathString().replaceAll("\\{[^}]*}", "{}");
    }

    /** A node on an in-memory H2 store, for each nested class with its own settings. */
    abstract static class OnH2 extends ServiceOnTestDatabase {

        @Override
        protected TestDatabase database() {
            return new InMemoryH2Database();
        }
    }

    @Nested
    class OnTheService extends OnH2 {

        @Override
        protected Map<String, Object> settings() {
            // Every surface switched on, the ones that are off unless configured too.
            return Map.of("latchkey.secret-scanning.github.enabled", true);
        }

        @Test
        void everyRouteDeclaresWhoMayCallIt() {
            Map<String, RouteAccess> access = accessOfEveryRoute(node());
            assertThat(access).hasSizeGreaterThan(60);
            assertThat(undeclared(access)).as("routes that declare no access").isEmpty();
        }

        @Test
        void onlyTheListedRoutesAreOpenToAnyone() {
            Map<String, RouteAccess> access = accessOfEveryRoute(node());
            assertThat(openBeyondTheList(access)).as("routes open to anyone that the list does not name").isEmpty();
            assertThat(access.keySet()).as("the list names routes the server has").containsAll(OPEN_TO_ANYONE);
        }

        @Test
        void everyOtherRouteAnswers401WithoutCredentials() throws Exception {
            Map<String, RouteAccess> access = accessOfEveryRoute(node());
            assertThat(closedRoutesAnsweringWithoutCredentials(node(), access)).isEmpty();
        }

        /** Behind the console's own check, a page sends a stranger to sign in and a form refuses them. */
        @Test
        void everyConsoleRouteRefusesACallerWithoutASession() throws Exception {
            List<String> served = new ArrayList<>();
            for (String operation : CONSOLE_BEHIND_ITS_SESSION) {
                HttpResponse<String> response = callWithoutCredentials(node(), operation);
                boolean toSignIn = response.statusCode() == 303 && response.headers().firstValue("Location")
                        .filter(location -> location.startsWith("/console/sign-in")).isPresent();
                if (!toSignIn && response.statusCode() < 400) {
                    served.add(operation + " -> " + response.statusCode());
                }
            }
            assertThat(served).as("console routes that served a caller without a session").isEmpty();
        }

        @Test
        void administratorRoutesAreForAdministratorsOnly() {
            Map<String, RouteAccess> access = accessOfEveryRoute(node());
            assertThat(access).hasEntrySatisfying("GET /api/v1/admin/accounts", rule ->
                    assertThat(rule).isEqualTo(new RouteAccess.InRole(Set.of("ADMIN"))));
            assertThat(access).hasEntrySatisfying("GET /api/v1/tokens", rule ->
                    assertThat(rule).isInstanceOf(RouteAccess.SignedIn.class));
        }
    }

    @Nested
    class WithRoutesLeftOpenOnPurpose extends OnH2 {

        @Override
        protected Map<String, Object> settings() {
            return Map.of("latchkey.test.open-routes", "enabled");
        }

        @Test
        void theChecksNameTheRouteDeclaredOpen() throws Exception {
            Map<String, RouteAccess> access = accessOfEveryRoute(node());
            assertThat(openBeyondTheList(access)).containsExactly("GET /api/v1/tokens/left-open");
            assertThat(HttpCalls.send(node(), "GET", "/api/v1/tokens/left-open", Map.of(), null).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void theChecksNameTheRouteThatDeclaresNothing_andTheFilterRefusesIt() throws Exception {
            Map<String, RouteAccess> access = accessOfEveryRoute(node());
            assertThat(undeclared(access)).containsExactly("GET /api/v1/tokens/undeclared");
            // Undeclared fails closed: refused even to the administrator.
            String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
            assertThat(HttpCalls.send(node(), "GET", "/api/v1/tokens/undeclared",
                    HttpCalls.headers(admin, null), null).statusCode()).isEqualTo(403);
            assertThat(HttpCalls.send(node(), "GET", "/api/v1/tokens/undeclared", Map.of(), null).statusCode())
                    .isEqualTo(401);
        }
    }
}
