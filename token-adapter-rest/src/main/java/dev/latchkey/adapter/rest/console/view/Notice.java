package dev.latchkey.adapter.rest.console.view;

import java.util.Locale;

/** A message at the top of a page: what just happened, or what went wrong. */
public record Notice(Kind kind, String message) {

    public enum Kind { SUCCESS, WARNING, ERROR }

    public static Notice success(String message) {
        return new Notice(Kind.SUCCESS, message);
    }

    public static Notice error(String message) {
        return new Notice(Kind.ERROR, message);
    }

    public String cssClass() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** An error interrupts a screen reader; anything else waits its turn. */
    public String role() {
        return kind == Kind.ERROR ? "alert" : "status";
    }
}
