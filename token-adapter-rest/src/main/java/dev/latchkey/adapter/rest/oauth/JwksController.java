package dev.latchkey.adapter.rest.oauth;

import dev.latchkey.adapter.rest.jwt.SigningKeys;
import dev.latchkey.adapter.rest.jwt.SigningSettings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * The JWK set (RFC 7517) resource servers verify Latchkey's JWT access tokens with, named by the metadata's
 * {@code jwks_uri}: the public parts of the keys to come, the signing key, and retired keys whose tokens may still be
 * valid. Cacheable for {@code latchkey.oauth.jwt.key-set-max-age}, which is shorter than the time a new key is
 * published before it signs. Empty when access tokens are opaque or HS256.
 */
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

    @Get(value = OAuthEndpoints.JWKS, produces = JWK_SET_JSON)
    HttpResponse<String> keySet() {
        return HttpResponse.ok(keys.published().toString(true)).header(HttpHeaders.CACHE_CONTROL, cacheControl);
    }
}
