package dev.latchkey.adapter.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The Content-Security-Policy of the pages people open in a browser. The console's allows nothing inline and no form
 * to leave the console; the reference's allows inline styles only, because Swagger UI sets style attributes.
 *
 * <p>One console page needs more: the consent page's Allow and Deny answer with a redirect to the client's redirect
 * URI, and browsers apply {@code form-action} to the redirects that follow a form post too. That page's policy adds
 * the origin of that one redirect URI, and nothing else ({@link #consoleAllowingFormsTo}).
 */
public final class ContentSecurityPolicies {

    public static final String HEADER = "Content-Security-Policy";
    static final String CONSOLE = consoleWithFormAction("'self'");
    static final String REFERENCE = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private ContentSecurityPolicies() {
    }

    /**
     * The console's policy, with forms also allowed to end at the given redirect URI: its origin for {@code http}
     * and {@code https} (a redirect's path is not compared by browsers anyway), its scheme for a native app's own
     * scheme. A URI that no source expression can name exactly (an IPv6 literal, say) adds nothing, and the browser
     * then refuses that redirect rather than anything wider being allowed.
     */
    public static String consoleAllowingFormsTo(String redirectUri) {
        return consoleWithFormAction(sourceOf(redirectUri).map(source -> "'self' " + source).orElse("'self'"));
    }

    static Optional<String> sourceOf(String redirectUri) {
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            return Optional.empty();
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(scheme + ":");
        }
        String host = uri.getHost();
        if (host == null || !host.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*")) {
            return Optional.empty();
        }
        return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT)
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
    }

    private static String consoleWithFormAction(String formAction) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                + "form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'";
    }
}
