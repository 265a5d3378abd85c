package dev.latchkey.adapter.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a port method that runs on every token check: it is not advised by {@link TranslatesStoreFailures}, whose
 * interception (a chain, an argument array and a dispatch per call) was 6.7 % of an introspection's samples across
 * the five such calls it makes. The method translates the store's failures itself around its reads of the store
 * ({@link StoreFailures#translated}), or never reaches the store. {@code StoreFailureTranslationCoverageTest} holds
 * every port method of an adapter to one of the two annotations.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEveryTokenCheck {
}
