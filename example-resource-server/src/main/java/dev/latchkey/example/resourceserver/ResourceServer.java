package dev.latchkey.example.resourceserver;

import io.micronaut.runtime.Micronaut;

/**
 * An API that trusts Latchkey's JWT access tokens without calling Latchkey: configured with nothing but Latchkey's
 * {@code jwks_uri} and issuer ({@code application.yml}), it checks each token's signature against the published keys,
 * as any resource server with a JWT library does.
 */
public final class ResourceServer {

    private ResourceServer() {
    }

    public static void main(String[] args) {
        Micronaut.run(ResourceServer.class, args);
    }
}
