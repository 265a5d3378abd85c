package dev.latchkey.adapter.rest.console;

/**
 * Writing HTML by hand: everything that comes from a user or the store goes through {@link #text}, which escapes
 * the five characters that could end an element or an attribute value. The console quotes every attribute value,
 * so escaping is all the protection an attribute needs.
 */
final class Html {

    private Html() {
    }

    static String text(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
