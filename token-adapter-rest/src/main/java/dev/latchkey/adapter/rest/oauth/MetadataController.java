package dev.latchkey.adapter.rest.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** RFC 8414 authorization server metadata, so that clients and gateways can configure themselves. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class MetadataController {

    private final HttpHostResolver hosts;
    private final String configuredIssuer;

    MetadataController(HttpHostResolver hosts, @Nullable @Value("${latchkey.oauth.issuer:}") String configuredIssuer) {
        this.hosts = hosts;
        this.configuredIssuer = configuredIssuer;
    }

    @Get(OAuthEndpoints.METADATA)
    Metadata metadata(HttpRequest<?> request) {
        // Without a configured issuer, the address the client used: metadata must name the server it came from.
        String issuer = configuredIssuer == null || configuredIssuer.isBlank()
                ? hosts.resolve(request) : configuredIssuer.replaceAll("/+$", "");
        List<String> clientAuthentication = List.of("client_secret_basic", "client_secret_post");
        return new Metadata(issuer, issuer + OAuthEndpoints.TOKEN, issuer + OAuthEndpoints.INTROSPECT,
                issuer + OAuthEndpoints.REVOKE, List.of("password", "refresh_token"), List.of(),
                clientAuthentication, List.of("client_secret_basic", "client_secret_post", "bearer"),
                List.of("client_secret_basic", "client_secret_post", "bearer"), List.of("introspect"));
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Metadata(String issuer,
                    @JsonProperty("token_endpoint") String tokenEndpoint,
                    @JsonProperty("introspection_endpoint") String introspectionEndpoint,
                    @JsonProperty("revocation_endpoint") String revocationEndpoint,
                    @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
                    @JsonProperty("response_types_supported") List<String> responseTypesSupported,
                    @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenAuthMethods,
                    @JsonProperty("introspection_endpoint_auth_methods_supported") List<String> introspectionAuthMethods,
                    @JsonProperty("revocation_endpoint_auth_methods_supported") List<String> revocationAuthMethods,
                    @JsonProperty("scopes_supported") List<String> scopesSupported) {
    }
}
