package dev.latchkey.adapter.rest.security;

import io.micronaut.web.router.MethodBasedRouteInfo;
import java.util.Optional;

/**
 * The access of routes that a library adds without {@code @Secured} (the management endpoints), contributed by the
 * module that adds the library. A route nobody declares stays refused to everyone.
 */
public interface LibraryRouteAccess {

    /** The access of this route, if it is one of the library's. */
    Optional<RouteAccess> accessOf(MethodBasedRouteInfo<?, ?> route);
}
