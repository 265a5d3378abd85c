package dev.latchkey.adapter.rest.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.util.Optional;

/** The authentication schemes the API accepts, and the RFC 7235 challenge each answers a 401 with. */
enum ChallengeScheme {
    BASIC("Basic realm=\"latchkey\", charset=\"UTF-8\""),
    BEARER("Bearer realm=\"latchkey\""),
    /** A token bound to a key (RFC 9449), refused: presented without a proof by its key, or not bound at all. */
    DPOP("DPoP algs=\"ES256 RS256 PS256 EdDSA\""),
    /** A DPoP proof that does not hold, or was used before. */
    DPOP_PROOF("DPoP algs=\"ES256 RS256 PS256 EdDSA\""),
    /** A DPoP proof without the nonce the server requires, or with one it no longer accepts (RFC 9449 section 9). */
    DPOP_NONCE("DPoP algs=\"ES256 RS256 PS256 EdDSA\"");

    private static final String REFUSED_ATTRIBUTE = "latchkey.refused-scheme";
    private static final String NONCE_ATTRIBUTE = "latchkey.dpop-nonce";
    private static final String NONCE_HEADER = "DPoP-Nonce";

    private final String challenge;

    ChallengeScheme(String challenge) {
        this.challenge = challenge;
    }

    /**
     * The plain challenge, or the refusal's form: RFC 6750's {@code invalid_token} when a bearer token was refused,
     * RFC 9449's {@code invalid_token} or {@code invalid_dpop_proof} when a bound token or its proof was.
     */
    String challenge(boolean refused) {
        if (refused && this == BEARER) {
            return challenge + ", error=\"invalid_token\", error_description=\"The token is malformed, unknown, "
                    + "expired or revoked\"";
        }
        if (refused && this == DPOP) {
            return "DPoP error=\"invalid_token\", error_description=\"The token is bound to a key: present it as "
                    + "DPoP with a proof by that key\", algs=\"ES256 RS256 PS256 EdDSA\"";
        }
        if (refused && this == DPOP_PROOF) {
            return "DPoP error=\"invalid_dpop_proof\", error_description=\"The DPoP proof does not hold, or was "
                    + "used before\", algs=\"ES256 RS256 PS256 EdDSA\"";
        }
        if (refused && this == DPOP_NONCE) {
            return "DPoP error=\"use_dpop_nonce\", error_description=\"Make the proof again with the nonce in the "
                    + "DPoP-Nonce header\", algs=\"ES256 RS256 PS256 EdDSA\"";
        }
        return challenge;
    }

    /** Whether a 401 offers this challenge whether or not it was the one refused: DPoP only answers DPoP. */
    boolean alwaysOffered() {
        return this == BASIC || this == BEARER;
    }

    static void recordRefusal(HttpRequest<?> request, ChallengeScheme scheme) {
        request.setAttribute(REFUSED_ATTRIBUTE, scheme);
    }

    /** The nonce a client that proved possession should use next; the answer carries it, refused or not. */
    static void offerNonce(HttpRequest<?> request, String nonce) {
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
    }

    /** Adds the {@code DPoP-Nonce} header to the answer to a request that was offered a nonce. */
    static void sendOfferedNonce(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(NONCE_ATTRIBUTE, String.class)
                .ifPresent(nonce -> response.getHeaders().set(NONCE_HEADER, nonce));
    }

    static Optional<ChallengeScheme> refusedScheme(HttpRequest<?> request) {
        return request.getAttribute(REFUSED_ATTRIBUTE, ChallengeScheme.class);
    }
}
