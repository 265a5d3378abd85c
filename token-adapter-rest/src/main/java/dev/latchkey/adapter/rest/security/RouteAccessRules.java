package dev.latchkey.adapter.rest.security;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.MethodBasedRouteInfo;
import io.micronaut.web.router.RouteInfo;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access every route declares, worked out once per route and then looked up by the route's identity: no
 * annotation is read and no rule is evaluated per request (ADR 20). Routes keep micronaut-security's vocabulary,
 * {@code @Secured(IS_ANONYMOUS)}, {@code @Secured(IS_AUTHENTICATED)} or {@code @Secured("ADMIN")}, method over class.
 */
@Singleton
public final class RouteAccessRules {

    private static final RouteAccess ANYONE = new RouteAccess.Anyone();
    private static final RouteAccess SIGNED_IN = new RouteAccess.SignedIn();
    private static final RouteAccess UNDECLARED = new RouteAccess.Undeclared();

    private final List<LibraryRouteAccess> libraries;
    private final Map<RouteInfo<?>, RouteAccess> known = new ConcurrentHashMap<>();

    RouteAccessRules(List<LibraryRouteAccess> libraries) {
        this.libraries = List.copyOf(libraries);
    }

    /** What the route asks of its caller. */
    public RouteAccess of(RouteInfo<?> route) {
        RouteAccess access = known.get(route);
        return access != null ? access : known.computeIfAbsent(route, this::declared);
    }

    private RouteAccess declared(RouteInfo<?> route) {
        Optional<RouteAccess> secured = fromSecured(route.getAnnotationMetadata());
        if (secured.isPresent()) {
            return secured.get();
        }
        if (route instanceof MethodBasedRouteInfo<?, ?> method) {
            for (LibraryRouteAccess library : libraries) {
                Optional<RouteAccess> access = library.accessOf(method);
                if (access.isPresent()) {
                    return access.get();
                }
            }
        }
        return UNDECLARED;
    }

    private static Optional<RouteAccess> fromSecured(AnnotationMetadata metadata) {
        String[] values = metadata.stringValues(Secured.class);
        if (values.length == 0) {
            return Optional.empty();
        }
        Set<String> declared = Set.copyOf(Arrays.asList(values));
        if (declared.contains(SecurityRule.IS_ANONYMOUS)) {
            return Optional.of(ANYONE);
        }
        if (declared.contains(SecurityRule.IS_AUTHENTICATED)) {
            return Optional.of(SIGNED_IN);
        }
        if (declared.contains(SecurityRule.DENY_ALL)) {
            return Optional.of(UNDECLARED);
        }
        return Optional.of(new RouteAccess.InRole(declared));
    }
}
