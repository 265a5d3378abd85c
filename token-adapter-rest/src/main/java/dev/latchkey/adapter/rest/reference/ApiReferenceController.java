package dev.latchkey.adapter.rest.reference;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
 * Serves the API reference: the OpenAPI document micronaut-openapi generated from the controllers at build time, and
 * Swagger UI to read it, both from the jar. The page's own script is a file, not inline, so that the page keeps a
 * Content-Security-Policy without inline scripts (PageHeadersFilter).
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class ApiReferenceController {

    static final String DOCUMENT = "/openapi.yml";
    static final String PAGE = "/docs";

    private static final String GENERATED = "META-INF/swagger/latchkey.yml";
    private static final String SWAGGER_UI = "META-INF/swagger/views/swagger-ui/res/";
    private static final String OWN = "dev/latchkey/adapter/rest/reference/";
    private static final MediaType YAML = MediaType.of("application/yaml");
    private static final MediaType JAVASCRIPT = MediaType.of("text/javascript");

    /** The page's assets by name: a closed list, so that no request names a path of its own. */
    private static final Map<String, Asset> ASSETS = Map.of(
            "swagger-ui.css", new Asset(SWAGGER_UI + "swagger-ui.css", MediaType.of("text/css")),
            "swagger-ui-bundle.js", new Asset(SWAGGER_UI + "swagger-ui-bundle.js", JAVASCRIPT),
            "favicon-32x32.png", new Asset(SWAGGER_UI + "favicon-32x32.png", MediaType.IMAGE_PNG_TYPE),
            "reference.js", new Asset(OWN + "reference.js", JAVASCRIPT),
            "reference.css", new Asset(OWN + "reference.css", MediaType.of("text/css")));

    private final byte[] document = read(GENERATED);
    private final byte[] page = read(OWN + "reference.html");

    @Get(DOCUMENT)
    HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(YAML);
    }

    @Get(PAGE)
    HttpResponse<byte[]> page() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE);
    }

    @Get(PAGE + "/{name}")
    HttpResponse<byte[]> asset(@PathVariable String name) {
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(read(asset.resource())).contentType(asset.type())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiReferenceController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private record Asset(String resource, MediaType type) {
    }
}
