package dev.latchkey.adapter.rest.reference;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/**
 * The head of the API reference: micronaut-openapi generates the document from the controllers at compile time,
 * and starts from this definition.
 */
@OpenAPIDefinition(info = @Info(title = "Latchkey", version = "1",
        description = "A self-hosted access-token service: the native API, the OAuth 2.0 endpoints and the dialects "
                + "of five platforms, on one token model.",
        license = @License(name = "Proprietary")))
final class ApiReference {

    private ApiReference() {
    }
}
