package dev.latchkey.adapter.rest.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.JWSAlgorithm;
import dev.latchkey.adapter.rest.jose.JwsKeys;
import dev.latchkey.domain.GrantType;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** RFC 8414 authorization server metadata, so that clients and gateways can configure themselves. */
@Tag(name = OAuthEndpoints.TAG, description = OAuthEndpoints.TAG_DESCRIPTION)
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class MetadataController {

    /** Where the issuer is not configured, each address the service is reached at has its own document; few do. */
    private static final int MOST_DOCUMENTS_KEPT = 64;

    private final IssuerLocation issuerLocation;
    private final JsonMapper json;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

    MetadataController(IssuerLocation issuerLocation, JsonMapper json) {
        this.issuerLocation = issuerLocation;
        this.json = json;
    }

    /**
     * Authorization server metadata (RFC 8414): every endpoint, grant and authentication method. The document only
     * changes with the issuer, so it is written once per issuer and answered as bytes.
     */
    @Get(OAuthEndpoints.METADATA)
    @ApiResponse(responseCode = "200", description = "RFC 8414 authorization server metadata",
            content = @Content(schema = @Schema(implementation = Metadata.class)))
    HttpResponse<byte[]> metadata(HttpRequest<?> request) {
        String issuer = issuerLocation.of(request);
        byte[] document = documents.get(issuer);
        if (document == null) {
            document = written(metadataOf(issuer));
            if (documents.size() >= MOST_DOCUMENTS_KEPT) {
                documents.clear();
            }
            documents.put(issuer, document);
        }
        return HttpResponse.ok(document).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private byte[] written(Metadata metadata) {
        try {
            return json.writeValueAsBytes(metadata);
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException("the metadata record always serializes", impossible);
        }
    }

    private static Metadata metadataOf(String issuer) {
        List<String> signatures = JwsKeys.ALGORITHMS.stream().map(JWSAlgorithm::getName).sorted().toList();
        // "none": a public client sends its client_id alone. It may revoke its own tokens, but never introspect.
        return new Metadata(issuer, issuer + OAuthEndpoints.TOKEN, issuer + OAuthEndpoints.INTROSPECT,
                issuer + OAuthEndpoints.REVOKE,
                Arrays.stream(GrantType.values()).map(GrantType::wireName).toList(), List.of("code"),
                List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"),
                List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "bearer"),
                List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none", "bearer"),
                signatures, signatures, signatures, List.of("introspect"),
                issuer + OAuthEndpoints.JWKS, issuer + OAuthEndpoints.DEVICE_AUTHORIZATION,
                issuer + OAuthEndpoints.AUTHORIZE, issuer + OAuthEndpoints.PUSHED_AUTHORIZATION_REQUEST,
                List.of("S256"), true, signatures);
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
                    @JsonProperty("token_endpoint_auth_signing_alg_values_supported") List<String> tokenAuthSignatures,
                    @JsonProperty("introspection_endpoint_auth_signing_alg_values_supported")
                    List<String> introspectionAuthSignatures,
                    @JsonProperty("revocation_endpoint_auth_signing_alg_values_supported")
                    List<String> revocationAuthSignatures,
                    @JsonProperty("scopes_supported") List<String> scopesSupported,
                    @JsonProperty("jwks_uri") String jwksUri,
                    @JsonProperty("device_authorization_endpoint") String deviceAuthorizationEndpoint,
                    @JsonProperty("authorization_endpoint") String authorizationEndpoint,
                    @JsonProperty("pushed_authorization_request_endpoint") String pushedAuthorizationRequestEndpoint,
                    @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported,
                    @JsonProperty("authorization_response_iss_parameter_supported")
                    boolean authorizationResponseIssParameterSupported,
                    @JsonProperty("dpop_signing_alg_values_supported") List<String> dpopSigningAlgorithms) {
    }
}
