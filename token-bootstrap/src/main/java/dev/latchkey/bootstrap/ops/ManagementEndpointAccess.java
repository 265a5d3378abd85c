package dev.latchkey.bootstrap.ops;

import dev.latchkey.adapter.rest.security.LibraryRouteAccess;
import dev.latchkey.adapter.rest.security.RouteAccess;
import dev.latchkey.domain.Role;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.web.router.MethodBasedRouteInfo;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * The management endpoints declare no {@code @Secured}; their configuration says whether each is sensitive. One
 * that is not (health, prometheus) is open to anyone; one that is, if an operator switches it on, is for
 * administrators only, never for any account that can sign in.
 */
@Singleton
final class ManagementEndpointAccess implements LibraryRouteAccess {

    private static final RouteAccess ADMINISTRATORS = new RouteAccess.InRole(Set.of(Role.ADMIN.name()));

    private final EndpointSensitivityProcessor sensitivity;

    ManagementEndpointAccess(EndpointSensitivityProcessor sensitivity) {
        this.sensitivity = sensitivity;
    }

    @Override
    public Optional<RouteAccess> accessOf(MethodBasedRouteInfo<?, ?> route) {
        Boolean sensitive = sensitivity.getEndpointMethods().get(route.getTargetMethod().getExecutableMethod());
        if (sensitive == null) {
            return Optional.empty();
        }
        return Optional.of(sensitive ? ADMINISTRATORS : new RouteAccess.Anyone());
    }
}
