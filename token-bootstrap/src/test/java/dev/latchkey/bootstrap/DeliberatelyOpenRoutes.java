package dev.latchkey.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Two token routes left open on purpose, for {@link RouteAccessTest} to show that its checks fail for them: one
 * declared open to anyone, one that declares nothing. They exist only when {@code latchkey.test.open-routes} is set.
 */
final class DeliberatelyOpenRoutes {

    private DeliberatelyOpenRoutes() {
    }

    @Controller("/api/v1/tokens/left-open")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Requires(property = "latchkey.test.open-routes", value = "enabled")
    static final class DeclaredOpen {

        @Get
        String describe() {
            return "anyone may read this";
        }
    }

    @Controller("/api/v1/tokens/undeclared")
    @Requires(property = "latchkey.test.open-routes", value = "enabled")
    static final class Undeclared {

        @Get
        String describe() {
            return "nobody said who may read this";
        }
    }
}
