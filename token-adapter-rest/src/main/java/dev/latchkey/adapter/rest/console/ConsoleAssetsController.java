package dev.latchkey.adapter.rest.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's own style sheet, script and icon, the only ones its Content-Security-Policy lets a page load, and
 * the way from the server's root to the console. Read once from the jar; a name not listed is not found.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class ConsoleAssetsController {

    private static final Map<String, Asset> ASSETS = Map.of(
            "console.css", new Asset("console.css", "text/css; charset=utf-8"),
            "console.js", new Asset("console.js", "text/javascript; charset=utf-8"),
            "favicon.svg", new Asset("favicon.svg", "image/svg+xml"));

    /** Someone who opens the server's address in a browser is after the console. */
    @Get
    MutableHttpResponse<?> root() {
        return ConsoleAccess.seeOther("/console");
    }

    /** Browsers ask for this by name whatever a page says; the console's icon answers. */
    @Get("/favicon.ico")
    HttpResponse<byte[]> favicon() {
        return asset("favicon.svg");
    }

    @Get("/console/assets/{name}")
    HttpResponse<byte[]> asset(@PathVariable String name) {
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(asset.bytes()).contentType(asset.type())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    private record Asset(byte[] bytes, String type) {
        Asset(String name, String type) {
            this(read(name), type);
        }

        private static byte[] read(String name) {
            try (InputStream in = ConsoleAssetsController.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing from the jar: " + name);
                }
                return in.readAllBytes();
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
    }
}
