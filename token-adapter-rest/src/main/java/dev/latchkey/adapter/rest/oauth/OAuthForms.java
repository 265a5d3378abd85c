package dev.latchkey.adapter.rest.oauth;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The form bodies of the OAuth 2.0 endpoints, as the API reference shows them. The endpoints read their forms
 * strictly by hand (FormParameters: a parameter sent twice is an error), so these records describe the parameters
 * and are never bound.
 */
final class OAuthForms {

    private OAuthForms() {
    }

    @Schema(description = "RFC 6749 section 4.3, 6 and 4.4, and RFC 8693. Client credentials go in HTTP Basic, or as "
            + "client_id and client_secret; a public client sends client_id alone.")
    record TokenRequest(
            @Schema(description = "authorization_code, urn:ietf:params:oauth:grant-type:device_code, "
                    + "refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:token-exchange or password")
            String grant_type,
            @Nullable @Schema(description = "authorization_code grant: the code") String code,
            @Nullable @Schema(description = "authorization_code grant: the PKCE verifier") String code_verifier,
            @Nullable @Schema(description = "authorization_code grant: the redirect_uri the request named")
            String redirect_uri,
            @Nullable @Schema(description = "device_code grant: the device code") String device_code,
            @Nullable @Schema(description = "password grant") String username,
            @Nullable @Schema(description = "password grant") String password,
            @Nullable @Schema(description = "refresh_token grant") String refresh_token,
            @Nullable @Schema(description = "space-delimited; may narrow, never widen") String scope,
            @Nullable @Schema(description = "token exchange: the token to narrow") String subject_token,
            @Nullable @Schema(description = "token exchange: urn:ietf:params:oauth:token-type:access_token or …:jwt")
            String subject_token_type,
            @Nullable @Schema(description = "token exchange: the one audience the new token is for") String audience,
            @Nullable @Schema(description = "a public client's id, or a confidential client's with client_secret")
            String client_id,
            @Nullable @Schema(description = "client_secret_post") String client_secret) {
    }

    @Schema(description = "RFC 8628 section 3.1. A confidential client authenticates as at the token endpoint; a "
            + "public client sends client_id alone.")
    record DeviceAuthorizationRequest(
            @Nullable @Schema(description = "space-delimited scopes the device asks for") String scope,
            @Nullable @Schema(description = "a public client's id, or a confidential client's with client_secret")
            String client_id,
            @Nullable @Schema(description = "a confidential client's secret, if not in HTTP Basic")
            String client_secret) {
    }

    @Schema(description = "RFC 9126: the authorization request's parameters, pushed by the client, authenticated as "
            + "at the token endpoint. A public client sends client_id alone.")
    record PushedAuthorizationRequest(
            @Schema(description = "code") String response_type,
            @Nullable @Schema(description = "one the client registered; may be left out if it registered exactly "
                    + "one") String redirect_uri,
            @Nullable @Schema(description = "space-delimited") String scope,
            @Nullable @Schema(description = "returned with the code as it was sent") String state,
            @Schema(description = "PKCE (RFC 7636): BASE64URL(SHA-256(code_verifier))") String code_challenge,
            @Schema(description = "S256, the only one accepted") String code_challenge_method,
            @Nullable @Schema(description = "none, login or consent") String prompt,
            @Nullable @Schema(description = "a public client's id, or a confidential client's with client_secret")
            String client_id,
            @Nullable @Schema(description = "client_secret_post") String client_secret) {
    }

    @Schema(description = "RFC 7662. Authenticate as a confidential client, or with a bearer token that carries the "
            + "introspect scope.")
    record IntrospectionRequest(
            String token,
            @Nullable @Schema(description = "ignored: any token is found by its credential") String token_type_hint,
            @Nullable @Schema(description = "true to look without recording a use") String peek) {
    }

    @Schema(description = "RFC 7009. A confidential client, a public client (its own tokens only) or any valid bearer "
            + "token may revoke.")
    record RevocationRequest(
            String token,
            @Nullable @Schema(description = "ignored: any token is found by its credential") String token_type_hint,
            @Nullable @Schema(description = "a public client's id") String client_id) {
    }
}
