package dev.latchkey.adapter.rest.security;

/**
 * A request its route does not admit: no caller (401) or the wrong one (403), answered by {@link Refusals}. It has no
 * stack trace and no message: refusals come in floods, and where they came from is always the same filter.
 */
final class RouteRefusal extends RuntimeException {

    private final boolean forbidden;

    RouteRefusal(boolean forbidden) {
        super(null, null, false, false);
        this.forbidden = forbidden;
    }

    boolean forbidden() {
        return forbidden;
    }
}
