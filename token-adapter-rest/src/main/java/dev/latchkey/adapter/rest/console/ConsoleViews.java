package dev.latchkey.adapter.rest.console;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.jte.HtmlJteViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders a console page: the JTE template {@code views/console/<name>.jte}, compiled with the module, given the page's
 * view as {@code view}. Rendered here, before the response leaves, rather than by Micronaut Views' filter: an error
 * page has no route for that filter to find a view on, and a template that fails then fails as a 500 page instead of
 * half a page. Never cached: a page may hold a secret or a form token.
 */
@Singleton
final class ConsoleViews {

    private final HtmlJteViewsRenderer<Map<String, Object>> renderer;

    ConsoleViews(HtmlJteViewsRenderer<Map<String, Object>> renderer) {
        this.renderer = renderer;
    }

    MutableHttpResponse<String> page(HttpStatus status, String name, Object view) {
        Writable rendered = renderer.render("console/" + name, Map.of("view", view), null);
        StringWriter html = new StringWriter(4096);
        try {
            rendered.writeTo(html);
        } catch (IOException impossible) {
            throw new UncheckedIOException("a StringWriter does not fail", impossible);
        }
        return HttpResponse.<String>status(status).body(html.toString())
                .contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
