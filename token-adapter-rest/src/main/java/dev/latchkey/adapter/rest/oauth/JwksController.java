package dev.latchkey.adapter.rest.oauth;

import dev.latchkey.adapter.rest.jwt.SigningKeys;
import dev.latchkey.adapter.rest.jwt.SigningSettings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The JWK set (RFC 7517) resource servers verify Latchkey's JWT access tokens with, named by the metadata's
 * {@code jwks_uri}: the public parts of the keys to come, the signing key, and retired keys whose tokens may still be
 * valid. Cacheable for {@code latchkey.oauth.jwt.key-set-max-age}, which is shorter than the time a new key is
 * published before it signs. Empty when access tokens are opaque or HS256.
 */
@Tag(name = OAuthEndpoints.TAG, description = OAuthEndpoints.TAG_DESCRIPTION)
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class JwksController {

    static final String JWK_SET_JSON = "application/jwk-set+json";

    private final SigningKeys keys;
    private final String cacheControl;

    JwksController(SigningKeys keys, SigningSettings settings) {
        this.keys = keys;
        this.cacheControl = "public, max-age=" + settings.keySetMaxAge().toSeconds();
    }

    /** The public keys that verify JWT access tokens (RFC 7517). */
    @Get(value = OAuthEndpoints.JWKS, produces = JWK_SET_JSON)
    @ApiResponse(responseCode = "200",
            description = "The JWK set (RFC 7517) of the public keys that verify JWT access "
                    + "tokens; empty with HS256")
    HttpResponse<byte[]> keySet() {
        return HttpResponse.ok(keys.publishedDocument()).header(HttpHeaders.CACHE_CONTROL, cacheControl);
    }
}
