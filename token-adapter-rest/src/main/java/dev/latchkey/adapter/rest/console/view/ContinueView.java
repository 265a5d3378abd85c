package dev.latchkey.adapter.rest.console.view;

/**
 * A page that moves the browser straight on to {@code href} on this site. The console's session cookie is
 * SameSite=Strict, so a browser sent here from another site withholds it; the same request, made again from a page of
 * this site, carries it. That is all this page is for.
 */
public record ContinueView(Frame frame, String href) {
}
