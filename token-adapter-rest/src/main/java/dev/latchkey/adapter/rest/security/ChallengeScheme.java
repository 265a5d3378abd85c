package dev.latchkey.adapter.rest.security;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/** The authentication schemes the API accepts, and the RFC 7235 challenge each answers a 401 with. */
enum ChallengeScheme {
    BASIC("Basic realm=\"latchkey\", charset=\"UTF-8\""),
    BEARER("Bearer realm=\"latchkey\"");

    private static final String REFUSED_ATTRIBUTE = "latchkey.refused-scheme";

    private final String challenge;

    ChallengeScheme(String challenge) {
        this.challenge = challenge;
    }

    /** The plain challenge, or RFC 6750's {@code invalid_token} form when a bearer token was presented and refused. */
    String challenge(boolean refused) {
        if (refused && this == BEARER) {
            return challenge + ", error=\"invalid_token\", error_description=\"The token is malformed, unknown, "
                    + "expired or revoked\"";
        }
        return challenge;
    }

    static void recordRefusal(HttpRequest<?> request, ChallengeScheme scheme) {
        request.setAttribute(REFUSED_ATTRIBUTE, scheme);
    }

    static Optional<ChallengeScheme> refusedScheme(HttpRequest<?> request) {
        return request.getAttribute(REFUSED_ATTRIBUTE, ChallengeScheme.class);
    }
}
