package dev.latchkey.adapter.rest.admin;

import dev.latchkey.wire.PolicyDocument;
import io.micronaut.core.annotation.Introspected;

/**
 * The validator checks every body through a bean introspection. A body type from the wire formats, which run no
 * annotation processor, gets its introspection here, at this module's build.
 */
@Introspected(classes = PolicyDocument.class)
final class WireIntrospections {

    private WireIntrospections() {
    }
}
