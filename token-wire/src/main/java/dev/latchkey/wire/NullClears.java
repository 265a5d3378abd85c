package dev.latchkey.wire;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a field of a request body: an explicit {@code null} there means "clear it", as in a JSON merge patch (RFC 7396).
 * Everywhere else {@link StrictJson} refuses {@code null}: a field has exactly its type, or is left out.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface NullClears {
}
