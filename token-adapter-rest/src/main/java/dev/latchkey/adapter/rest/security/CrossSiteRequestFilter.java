package dev.latchkey.adapter.rest.security;

import dev.latchkey.adapter.rest.problem.ErrorShapes;
import dev.latchkey.adapter.rest.problem.ProblemType;
import dev.latchkey.adapter.rest.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * A browser that has been given an account's password for HTTP Basic keeps it, and attaches it to every request to
 * this service, whichever site's page makes the request. Another site could then revoke the account's tokens, or
 * issue new ones, with a plain form post. Browsers mark such requests {@code Sec-Fetch-Site: cross-site}, and API
 * clients never send the header, so a state-changing request that carries it is refused here, before anything
 * reads its credentials. The console protects its own forms (SameSite cookies and form tokens) and is left out.
 */
@ServerFilter(value = ServerFilter.MATCH_ALL_PATTERN,
        methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
final class CrossSiteRequestFilter implements Ordered {

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
        if (!"cross-site".equalsIgnoreCase(
                request.getHeaders().get(FETCH_SITE)) || request.getPath().startsWith("/console")) {
            return null;
        }
        return shapes.forPath(request.getPath())
                .<HttpResponse<?>>map(shape -> shape.render(request,
                        HttpResponse.status(ProblemType.CROSS_SITE_REQUEST.status()), DETAIL))
                .orElseGet(() -> Problems.response(request, ProblemType.CROSS_SITE_REQUEST, DETAIL));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
