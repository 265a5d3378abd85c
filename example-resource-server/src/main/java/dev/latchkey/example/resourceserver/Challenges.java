package dev.latchkey.example.resourceserver;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** A refusal names both schemes this server takes (RFC 9449 section 7.1), and DPoP's algorithms, so a client knows. */
@Factory
class Challenges {

    @Singleton
    @Named("bearer")
    WwwAuthenticateChallengeProvider<HttpRequest<?>> bearer() {
        return request -> "Bearer";
    }

    @Singleton
    @Named("dpop")
    WwwAuthenticateChallengeProvider<HttpRequest<?>> dpop() {
        return request -> "DPoP algs=\"ES256 RS256 PS256\"";
    }
}
