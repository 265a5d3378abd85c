package dev.latchkey.adapter.rest.oauth;

/** Where the OAuth 2.0 endpoints live. They authenticate their callers themselves, as the RFCs define. */
public final class OAuthEndpoints {

    public static final String BASE = "/oauth2";
    public static final String TOKEN = BASE + "/token";
    public static final String INTROSPECT = BASE + "/introspect";
    public static final String REVOKE = BASE + "/revoke";
    public static final String JWKS = BASE + "/jwks";
    public static final String DEVICE_AUTHORIZATION = BASE + "/device_authorization";
    /** Where a person enters a device's user code: a console page, behind the console's sign-in. */
    public static final String DEVICE_VERIFICATION = "/console/device";
    public static final String METADATA = "/.well-known/oauth-authorization-server";

    private OAuthEndpoints() {
    }

    /** Whether a request path belongs to the OAuth 2.0 endpoints, whose errors take RFC 6749's shape. */
    public static boolean owns(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }
}
