package dev.latchkey.adapter.rest;

import io.micronaut.http.annotation.FilterMatcher;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the routes that answer pages people open in a browser (the console, the API reference, the authorization
 * endpoint), and the filters that serve only those. The router matches a filter to a route by this mark, worked out
 * from the route's metadata, instead of matching path patterns against every request's path: the token check never
 * pays for the console's headers.
 */
@FilterMatcher
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BrowserPage {
}
