package dev.latchkey.adapter.rest.oauth;

/** Where the OAuth 2.0 endpoints live. They authenticate their callers themselves, as the RFCs define. */
public final class OAuthEndpoints {

    public static final String BASE = "/oauth2";
    public static final String TOKEN = BASE + "/token";
    public static final String INTROSPECT = BASE + "/introspect";
    public static final String REVOKE = BASE + "/revoke";
    public static final String JWKS = BASE + "/jwks";
    public static final String DEVICE_AUTHORIZATION = BASE + "/device_authorization";
    /** Where a browser starts sign-in for a client (RFC 6749 section 3.1); it goes on to the console's page. */
    public static final String AUTHORIZE = BASE + "/authorize";
    public static final String PUSHED_AUTHORIZATION_REQUEST = BASE + "/par";
    /** The console's side of the authorization endpoint: sign-in and consent, under the console's session. */
    public static final String CONSOLE_AUTHORIZE = "/console/authorize";
    /** Where a person enters a device's user code: a console page, behind the console's sign-in. */
    public static final String DEVICE_VERIFICATION = "/console/device";
    /** The API reference's tag of these endpoints, and what it says of them. */
    public static final String TAG = "OAuth 2.0";
    public static final String TAG_DESCRIPTION = "The standard endpoints: authorization (RFC 6749 with PKCE), token "
            + "(RFC 6749, RFC 8693), device authorization (RFC 8628), pushed requests (RFC 9126), introspection (RFC "
            + "7662) and revocation (RFC 7009). Form-encoded bodies; errors in RFC 6749 section 5.2 form.";
    public static final String METADATA = "/.well-known/oauth-authorization-server";

    private OAuthEndpoints() {
    }

    /** Whether a request path belongs to the OAuth 2.0 endpoints, whose errors take RFC 6749's shape. */
    public static boolean owns(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }
}
