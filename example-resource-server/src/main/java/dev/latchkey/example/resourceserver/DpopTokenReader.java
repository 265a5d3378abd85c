package dev.latchkey.example.resourceserver;

import io.micronaut.http.HttpHeaders;
import io.micronaut.security.token.reader.HttpHeaderTokenReader;
import jakarta.inject.Singleton;

/**
 * Reads a token sent as {@code Authorization: DPoP <token>} (RFC 9449 section 7.1), beside the bearer reader that
 * micronaut-security provides: the token is then verified like any other, and {@link DpopProofValidator} checks its
 * proof.
 */
@Singleton
final class DpopTokenReader extends HttpHeaderTokenReader {

    static final String SCHEME = "DPoP";

    @Override
    protected String getPrefix() {
        return SCHEME;
    }

    @Override
    protected String getHeaderName() {
        return HttpHeaders.AUTHORIZATION;
    }
}
