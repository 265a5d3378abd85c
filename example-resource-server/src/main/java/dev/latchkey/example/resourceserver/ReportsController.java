package dev.latchkey.example.resourceserver;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/** A protected resource: it answers whoever presents a token Latchkey signed, and says what the token claims. */
@Controller("/reports")
@Secured(SecurityRule.IS_AUTHENTICATED)
class ReportsController {

    @Get
    Caller whoAmI(Authentication authentication) {
        Object scope = authentication.getAttributes().get("scope");
        return new Caller(authentication.getName(), scope == null ? "" : scope.toString());
    }

    @Serdeable
    record Caller(String subject, String scope) {
    }
}
