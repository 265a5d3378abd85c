package dev.latchkey.adapter.rest.oauth;

import dev.latchkey.adapter.rest.form.FormParameters;
import dev.latchkey.application.port.in.AuthorizeUseCase.AuthorizationParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * An authorization request's parameters (RFC 6749 section 4.1.1, RFC 7636, RFC 9126) as they travel: read from a
 * query or a pushed form, written back as a query for the console to carry through sign-in, and the query a response
 * adds to the client's redirect URI.
 */
public final class AuthorizationRequestParameters {

    private AuthorizationRequestParameters() {
    }

    /** The parameters the authorization endpoint reads; any other is ignored, as RFC 6749 section 3.1 says. */
    public static AuthorizationParameters from(FormParameters form) {
        return new AuthorizationParameters(form.get("client_id"), form.get("response_type"),
                form.get("redirect_uri"), form.get("scope"), form.get("state"), form.get("code_challenge"),
                form.get("code_challenge_method"), form.get("prompt"), form.get("request_uri"), form.get("dpop_jkt"));
    }

    /** The same parameters, binding the code to the key with this thumbprint. */
    static AuthorizationParameters withDpopJkt(AuthorizationParameters parameters, String thumbprint) {
        return new AuthorizationParameters(parameters.clientId(), parameters.responseType(), parameters.redirectUri(),
                parameters.scope(), parameters.state(), parameters.codeChallenge(), parameters.codeChallengeMethod(),
                parameters.prompt(), parameters.requestUri(), Optional.of(thumbprint));
    }

    /**
     * The parameters as a query string, each percent-encoded, in a fixed order: what the console's pages carry
     * from the authorization endpoint through sign-in and consent, and never anything the request did not hold. A
     * pushed request is its client and {@code request_uri} alone: every other parameter is the pushed one.
     */
    public static String query(AuthorizationParameters parameters) {
        Map<String, Optional<String>> named = new LinkedHashMap<>();
        named.put("client_id", parameters.clientId());
        named.put("request_uri", parameters.requestUri());
        if (parameters.requestUri().isEmpty()) {
            named.put("response_type", parameters.responseType());
            named.put("redirect_uri", parameters.redirectUri());
            named.put("scope", parameters.scope());
            named.put("state", parameters.state());
            named.put("code_challenge", parameters.codeChallenge());
            named.put("code_challenge_method", parameters.codeChallengeMethod());
            named.put("prompt", parameters.prompt());
            named.put("dpop_jkt", parameters.dpopJkt());
        }
        Map<String, String> present = new LinkedHashMap<>();
        named.forEach((name, value) -> value.ifPresent(text -> present.put(name, text)));
        return encode(present);
    }

    /**
     * The redirect URI with the response's parameters added to its query (RFC 6749 section 3.1.2: a registered URI
     * may have a query of its own, which is kept).
     */
    public static String redirect(String redirectUri, Map<String, String> response) {
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + encode(response);
    }

    private static String encode(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
