package dev.latchkey.adapter.rest.console;

import dev.latchkey.application.port.in.Caller;
import java.util.Optional;

/**
 * The frame every console page shares: the header with the signed-in account, the navigation, a notice and the
 * page's own content. Scripts and styles are files of the console's own ({@code /console/assets/…}), as its
 * Content-Security-Policy requires.
 */
final class ConsolePage {

    private ConsolePage() {
    }

    /** A page for a signed-in caller; {@code csrfToken} signs the sign-out form. */
    static String of(String title, Caller caller, String csrfToken, Optional<Notice> notice, String content) {
        StringBuilder navigation = new StringBuilder()
                .append(link("/console/tokens", "Your tokens"))
                .append(link("/console/tokens/new", "Create a token"));
        if (caller.isAdministrator()) {
            navigation.append(link("/console/admin/accounts", "Accounts"))
                    .append(link("/console/admin/partners", "Partners"))
                    .append(link("/console/admin/clients", "Clients"))
                    .append(link("/console/admin/audit", "Audit trail"));
        }
        String header = "<header class=\"site\"><a class=\"brand\" href=\"/console/tokens\">Latchkey</a>"
                + "<nav aria-label=\"Main\"><ul>" + navigation + "</ul></nav>"
                + "<form class=\"sign-out\" method=\"post\" action=\"/console/sign-out\">"
                + "<span class=\"who\">Signed in as <strong>" + Html.text(caller.username().value()) + "</strong>"
                + (caller.isAdministrator() ? " (administrator)" : "") + "</span>"
                + csrfField(csrfToken) + "<button type=\"submit\" class=\"secondary\">Sign out</button></form>"
                + "</header>";
        return document(title, header + "<main id=\"main\"><h1>" + Html.text(title) + "</h1>"
                + notice.map(Notice::html).orElse("") + content + "</main>");
    }

    /** A page for someone not signed in. */
    static String anonymous(String title, String content) {
        return document(title, "<header class=\"site\"><span class=\"brand\">Latchkey</span></header>"
                + "<main id=\"main\" class=\"narrow\"><h1>" + Html.text(title) + "</h1>" + content + "</main>");
    }

    static String csrfField(String csrfToken) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.text(csrfToken) + "\">";
    }

    private static String link(String href, String label) {
        return "<li><a href=\"" + href + "\">" + Html.text(label) + "</a></li>";
    }

    private static String document(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.text(title) + " · Latchkey</title>"
                + "<link rel=\"stylesheet\" href=\"/console/assets/console.css\">"
                + "<script src=\"/console/assets/console.js\" defer></script></head><body>"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a>" + body + "</body></html>";
    }

    /** A message at the top of a page: what just happened, or what went wrong. */
    record Notice(Kind kind, String message) {
        enum Kind { SUCCESS, WARNING, ERROR }

        static Notice success(String message) {
            return new Notice(Kind.SUCCESS, message);
        }

        static Notice error(String message) {
            return new Notice(Kind.ERROR, message);
        }

        String html() {
            String role = kind == Kind.ERROR ? "alert" : "status";
            return "<p class=\"notice " + kind.name().toLowerCase(java.util.Locale.ROOT) + "\" role=\"" + role
                    + "\">" + Html.text(message) + "</p>";
        }
    }
}
