package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.problem.ErrorShapes;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

/**
 * A browser that has been given an account's password for HTTP Basic keeps it, and attaches it to every request to
 * this service, whichever site's page makes the request. Another site could then revoke the account's tokens, or
 * issue new ones, with a plain form post. Browsers mark such requests {@code Sec-Fetch-Site: cross-site}, and API
 * clients never send the header, so a state-changing request that carries it is refused here, before anything
 * reads its credentials. The console's forms are refused the same way, although SameSite cookies and form tokens
 * protect them too: one defence failing must not be enough. A console form comes from the console's own page, so an
 * {@code Origin} naming another host marks it as cross-site as well, for browsers that send no fetch metadata; the
 * console's pages send no referrer, under which browsers post their forms with {@code Origin: null}, which is let
 * through.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CrossSiteRequestFilter implements Ordered {

    /**
     * The methods that change something. Checked here, not declared on the filter: Micronaut matches a filter that
     * names methods against every request's path with its path matcher, and one that does not costs nothing to find.
     */
    private static final Set<HttpMethod> CHANGES = EnumSet.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    static final String FETCH_SITE = "Sec-Fetch-Site";
    private static final String DETAIL = "A request another site's page made from a browser cannot change anything "
            + "here; call the API from your own client.";

    private final ErrorShapes shapes;

    CrossSiteRequestFilter(ErrorShapes shapes) {
        this.shapes = shapes;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseCrossSiteChanges(HttpRequest<?> request) {
        if (!CHANGES.contains(request.getMethod())) {
            return null;
        }
        boolean crossSite = "cross-site".equalsIgnoreCase(request.getHeaders().get(FETCH_SITE))
                || isConsole(request.getPath()) && foreignOrigin(request);
        if (!crossSite) {
            return null;
        }
        return shapes.forPath(request.getPath())
                .<HttpResponse<?>>map(shape -> shape.render(request,
                        HttpResponse.status(ProblemType.CROSS_SITE_REQUEST.status()), DETAIL))
                .orElseGet(() -> Problems.response(request, ProblemType.CROSS_SITE_REQUEST, DETAIL));
    }

    private static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    /**
     * An {@code Origin} header that names a host other than the one the request was sent to, as the browser saw it:
     * the {@code Host}, or the {@code X-Forwarded-Host} a proxy in front sets (a page of another site can set
     * neither).
     */
    private static boolean foreignOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || origin.equals("null")) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority == null || !(authority.equalsIgnoreCase(request.getHeaders().get(HttpHeaders.HOST))
                    || authority.equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Host")));
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
