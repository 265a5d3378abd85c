package dev.latchkey.adapter.persistence;

import io.micronaut.aop.Around;
import io.micronaut.context.annotation.Type;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an adapter that implements outbound ports: a failure of the store that means "not now" leaves the adapter as a
 * {@link dev.latchkey.application.port.out.StoreUnavailableException}, so that the core and the inbound adapters
 * never see a driver's exception, and callers answer 503 instead of 500. Compile-time advice, no reflection.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Around
@Type(StoreFailureTranslation.class)
public @interface TranslatesStoreFailures {
}
